// Add or edit a session: date and time (workspace time zone), duration, online URL, capacity.
import { Button, Group, Modal, NumberInput, Stack, TextInput } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useWorkspaceTimeZone } from "../platform/format";
import { notifyError } from "../platform/notify";
import { instantToZoned, type SeminarSession, useSaveSession, zonedToInstant } from "./seminars-api";

export function SessionFormModal({
  seminarId,
  session,
  onClose,
}: {
  seminarId: string;
  session: SeminarSession | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const tz = useWorkspaceTimeZone();
  const save = useSaveSession(seminarId, session?.id ?? null);
  const [when, setWhen] = useState<string | null>(session ? instantToZoned(session.startsAt, tz) : null);
  const [minutes, setMinutes] = useState<number>(session?.durationMinutes ?? 60);
  const [url, setUrl] = useState(session?.onlineUrl ?? "");
  const [capacity, setCapacity] = useState<number | string>(session?.capacity ?? "");
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const startsAt = when ? zonedToInstant(when, tz) : null;
    if (!startsAt) return setError(t("validation.required"));
    save.mutate(
      {
        startsAt,
        durationMinutes: minutes,
        onlineUrl: url.trim() || null,
        capacity: typeof capacity === "number" ? capacity : null,
      },
      { onSuccess: onClose, onError: notifyError },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={session ? t("seminars.sessions.editTitle") : t("seminars.sessions.add")}
    >
      <Stack gap="sm" data-testid="session-form">
        <DateTimePicker
          label={t("seminars.sessions.startsAt")}
          description={t("seminars.sessions.timeZone", { tz })}
          valueFormat="YYYY/MM/DD HH:mm"
          required
          value={when}
          onChange={setWhen}
          error={error}
          data-testid="session-form-when"
        />
        <NumberInput
          label={t("seminars.sessions.duration")}
          min={5}
          max={1440}
          step={15}
          value={minutes}
          onChange={(v) => setMinutes(typeof v === "number" ? v : 60)}
        />
        <TextInput
          label={t("seminars.sessions.onlineUrl")}
          placeholder="https://zoom.us/j/…"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          data-testid="session-form-url"
        />
        <NumberInput
          label={t("seminars.sessions.capacity")}
          description={t("seminars.sessions.capacityHint")}
          min={1}
          value={capacity}
          onChange={setCapacity}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="session-form-save">
            {t("seminars.sessions.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
