// Send a survey: pick contacts one by one, or a segment with roles; shows who receives it and who is skipped.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSend } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError, notifySuccess } from "../platform/notify";
import { type ContactRole, contactRoles } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import {
  previewSend,
  type Recipient,
  recipientSearchQuery,
  type SendInput,
  type Survey,
  useSendSurvey,
} from "./surveys-api";

export function SurveySendPanel({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"contacts" | "segment">("contacts");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<Map<string, Recipient>>(new Map());
  const [segment, setSegment] = useState<string | null>(null);
  const [roles, setRoles] = useState<ContactRole[]>([]);
  const segmentOptions = useSegmentOptions();
  const found = useQuery(recipientSearchQuery(debounced));
  const send = useSendSurvey(survey.id);

  const input: SendInput | null =
    mode === "contacts"
      ? picked.size > 0
        ? { contactIds: [...picked.keys()], roles: [] }
        : null
      : segment
        ? { segment, roles }
        : null;
  const plan = useQuery({
    queryKey: ["surveys", "send-preview", survey.id, input],
    queryFn: () => previewSend(survey.id, input!),
    enabled: input !== null,
  });

  const options = [
    ...[...picked.values()],
    ...(found.data?.items ?? []).filter((c) => !picked.has(c.contactId)),
  ].map((c) => ({
    value: c.contactId,
    label: `${c.name ?? c.email} · ${c.accountName}${"unsubscribed" in c && c.unsubscribed ? ` (${t("surveys.send.reasons.unsubscribed")})` : ""}`,
  }));
  const byId = new Map([...(found.data?.items ?? []), ...picked.values()].map((c) => [c.contactId, c]));

  return (
    <Stack gap="md">
      {survey.archivedAt && <Alert color="gray">{t("surveys.send.archived")}</Alert>}
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <SegmentedControl
            w="fit-content"
            value={mode}
            onChange={(m) => setMode(m as "contacts" | "segment")}
            data-testid="survey-send-mode"
            data={[
              { value: "contacts", label: t("surveys.send.byContacts") },
              { value: "segment", label: t("surveys.send.bySegment") },
            ]}
          />
          {mode === "contacts" ? (
            <MultiSelect
              label={t("surveys.send.contacts")}
              placeholder={t("surveys.send.searchContacts")}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options: o }) => o}
              data={options}
              value={[...picked.keys()]}
              onChange={(ids) =>
                setPicked(
                  new Map(ids.map((id) => [id, byId.get(id)!]).filter(([, c]) => c) as [string, Recipient][]),
                )
              }
              data-testid="survey-send-contacts"
              comboboxProps={{ withinPortal: true }}
            />
          ) : (
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Select
                label={t("surveys.send.segment")}
                data={segmentOptions}
                value={segment}
                onChange={setSegment}
                w={240}
                data-testid="survey-send-segment"
                comboboxProps={{ withinPortal: true }}
              />
              <MultiSelect
                label={t("surveys.send.roles")}
                placeholder={t("surveys.editor.allContacts")}
                data={contactRoles.map((r) => ({ value: r, label: t(`contactRoles.${r}`) }))}
                value={roles}
                onChange={(r) => setRoles(r as ContactRole[])}
                w={320}
                data-testid="survey-send-roles"
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
          )}
        </Stack>
      </Card>

      {plan.data && (
        <Card withBorder radius="md" padding="md" data-testid="survey-send-plan">
          <Stack gap="sm">
            <Text fw={600} data-testid="survey-send-count">
              {t("surveys.send.willReceive", { count: plan.data.recipients.length })}
            </Text>
            {plan.data.recipients.length > 0 && (
              <Table fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {plan.data.recipients.map((r) => (
                    <Table.Tr key={r.contactId}>
                      <Table.Td>{r.name ?? "—"}</Table.Td>
                      <Table.Td>{r.email}</Table.Td>
                      <Table.Td>{r.accountName}</Table.Td>
                      <Table.Td>
                        {r.role ? t(`contactRoles.${r.role}`, { defaultValue: r.role }) : ""}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {plan.data.skipped.length > 0 && (
              <>
                <Text fw={600} size="sm" c="orange.8">
                  {t("surveys.send.skipped", { count: plan.data.skipped.length })}
                </Text>
                <Table fz="sm" verticalSpacing={4} data-testid="survey-send-skipped">
                  <Table.Tbody>
                    {plan.data.skipped.map((r) => (
                      <Table.Tr key={r.contactId}>
                        <Table.Td>{r.name ?? "—"}</Table.Td>
                        <Table.Td>{r.email}</Table.Td>
                        <Table.Td>{r.accountName}</Table.Td>
                        <Table.Td>
                          <Badge color="orange" variant="light" tt="none">
                            {t(`surveys.send.reasons.${r.reason}`)}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
            <Group justify="flex-end">
              <Button
                leftSection={<IconSend size={16} />}
                disabled={!input || plan.data.recipients.length === 0 || Boolean(survey.archivedAt)}
                loading={send.isPending}
                data-testid="survey-send-submit"
                onClick={() =>
                  input &&
                  send.mutate(input, {
                    onSuccess: (r) => {
                      notifySuccess(t("surveys.send.sent", { count: r.sent }));
                      // The same choice now shows who got it (an open link) instead of who will.
                      void plan.refetch();
                    },
                    onError: notifyError,
                  })
                }
              >
                {t("surveys.send.submit", { count: plan.data.recipients.length })}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
