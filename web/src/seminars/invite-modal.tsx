// Invite to a session: chosen contacts, a segment or a touch model; each gets their own link by e-mail.
import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError, notifySuccess } from "../platform/notify";
import { type TouchModel, touchModels } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import { type ContactChoice, contactSearchQuery, type InviteInput, useInvite } from "./seminars-api";

type Mode = "contacts" | "segment" | "touchModel";

export function InviteModal({
  sessionId,
  when,
  onClose,
}: {
  sessionId: string;
  when: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>("contacts");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<Map<string, ContactChoice>>(new Map());
  const [segment, setSegment] = useState<string | null>(null);
  const [touchModel, setTouchModel] = useState<TouchModel | null>(null);
  const segmentOptions = useSegmentOptions();
  const found = useQuery(contactSearchQuery(debounced));
  const invite = useInvite(sessionId);

  const input: InviteInput | null =
    mode === "contacts"
      ? picked.size > 0
        ? { contactIds: [...picked.keys()] }
        : null
      : mode === "segment"
        ? segment
          ? { segment }
          : null
        : touchModel
          ? { touchModel }
          : null;
  const choices = [...picked.values(), ...(found.data?.items ?? []).filter((c) => !picked.has(c.contactId))];
  const byId = new Map(choices.map((c) => [c.contactId, c]));

  return (
    <Modal opened onClose={onClose} size="lg" title={t("seminars.invite.title", { date: when })}>
      <Stack gap="sm" data-testid="invite-modal">
        <SegmentedControl
          w="fit-content"
          value={mode}
          onChange={(m) => setMode(m as Mode)}
          data-testid="invite-mode"
          data={[
            { value: "contacts", label: t("seminars.invite.byContacts") },
            { value: "segment", label: t("seminars.invite.bySegment") },
            { value: "touchModel", label: t("seminars.invite.byTouchModel") },
          ]}
        />
        {mode === "contacts" && (
          <MultiSelect
            label={t("seminars.invite.contacts")}
            placeholder={t("seminars.invite.search")}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            data={choices.map((c) => ({
              value: c.contactId,
              label: `${c.name ?? c.email} · ${c.accountName}`,
            }))}
            value={[...picked.keys()]}
            onChange={(ids) =>
              setPicked(
                new Map(
                  ids.map((id) => [id, byId.get(id)]).filter(([, c]) => c) as [string, ContactChoice][],
                ),
              )
            }
            data-testid="invite-contacts"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {mode === "segment" && (
          <Select
            label={t("seminars.invite.segment")}
            data={segmentOptions}
            value={segment}
            onChange={setSegment}
            w={280}
            data-testid="invite-segment"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {mode === "touchModel" && (
          <Select
            label={t("seminars.invite.touchModel")}
            data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
            value={touchModel}
            onChange={(v) => setTouchModel(v as TouchModel | null)}
            w={280}
            data-testid="invite-touch-model"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Alert variant="light" color="blue">
          <Text size="sm">{t("seminars.invite.hint")}</Text>
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!input}
            loading={invite.isPending}
            data-testid="invite-submit"
            onClick={() =>
              input &&
              invite.mutate(input, {
                onSuccess: (r) => {
                  notifySuccess(t("seminars.invite.result", r));
                  onClose();
                },
                onError: notifyError,
              })
            }
          >
            {t("seminars.invite.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
