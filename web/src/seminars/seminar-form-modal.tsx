// Create or edit a seminar: kind, ja/en title and description, automatic invitations, reminder.
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyError } from "../platform/notify";
import { type TouchModel, touchModels } from "../platform/types";
import { type SeminarDetail, type SeminarKind, seminarKinds, useSaveSeminar } from "./seminars-api";

export function SeminarFormModal({
  seminar,
  onClose,
}: {
  seminar: SeminarDetail | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveSeminar(seminar?.id ?? null);
  const [kind, setKind] = useState<SeminarKind>(seminar?.kind ?? "welcome");
  const [titleJa, setTitleJa] = useState(seminar?.title.ja ?? "");
  const [titleEn, setTitleEn] = useState(seminar?.title.en ?? "");
  const [descJa, setDescJa] = useState(seminar?.description?.ja ?? "");
  const [descEn, setDescEn] = useState(seminar?.description?.en ?? "");
  const [models, setModels] = useState<TouchModel[]>(seminar?.autoInviteTouchModels ?? []);
  const [hours, setHours] = useState<number>(seminar?.reminderHours ?? 24);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!titleJa.trim() && !titleEn.trim()) return setError(t("seminars.form.titleRequired"));
    save.mutate(
      {
        kind,
        title: { ja: titleJa.trim(), en: titleEn.trim() },
        description: descJa.trim() || descEn.trim() ? { ja: descJa.trim(), en: descEn.trim() } : null,
        autoInviteTouchModels: models,
        reminderHours: hours,
      },
      {
        onSuccess: (saved) => {
          onClose();
          if (!seminar) void navigate({ to: "/seminars/$seminarId", params: { seminarId: saved.id } });
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={seminar ? t("seminars.form.editTitle") : t("seminars.form.createTitle")}
    >
      <Stack gap="sm" data-testid="seminar-form">
        <Select
          label={t("seminars.form.kind")}
          data={seminarKinds.map((k) => ({ value: k, label: t(`seminars.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as SeminarKind)}
          allowDeselect={false}
          data-testid="seminar-form-kind"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("seminars.form.titleJa")}
            value={titleJa}
            onChange={(e) => setTitleJa(e.currentTarget.value)}
            error={error}
            data-testid="seminar-form-title-ja"
          />
          <TextInput
            label={t("seminars.form.titleEn")}
            value={titleEn}
            onChange={(e) => setTitleEn(e.currentTarget.value)}
            data-testid="seminar-form-title-en"
          />
          <Textarea
            label={t("seminars.form.descriptionJa")}
            value={descJa}
            onChange={(e) => setDescJa(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t("seminars.form.descriptionEn")}
            value={descEn}
            onChange={(e) => setDescEn(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        </SimpleGrid>
        <MultiSelect
          label={t("seminars.form.autoInvite")}
          description={t("seminars.form.autoInviteHint")}
          data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
          value={models}
          onChange={(v) => setModels(v as TouchModel[])}
          clearable
          data-testid="seminar-form-auto-invite"
          comboboxProps={{ withinPortal: true }}
        />
        <NumberInput
          label={t("seminars.form.reminderHours")}
          min={1}
          max={336}
          value={hours}
          onChange={(v) => setHours(typeof v === "number" ? v : 24)}
          maw={360}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="seminar-form-save">
            {t("seminars.form.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
