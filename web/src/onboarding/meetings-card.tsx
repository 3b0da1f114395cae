// The plan's meetings: kickoff, progress checks and the completion meeting — schedule them and record
// them as held, with notes (staff only).
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { IconCalendarPlus, IconCheck, IconNotes, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import { type Meeting, type MeetingKind, meetingKinds, type Plan, usePlanChange } from "./onboarding-api";
import { useLocalize } from "./onboarding-labels";

const typeColors: Record<MeetingKind, string> = {
  kickoff: "indigo",
  progress_check: "cyan",
  completion: "grape",
};

/** "YYYY-MM-DD HH:mm:ss" from the picker, in the browser's time zone, as an ISO instant. */
function toInstant(value: string | null): string | null {
  if (!value) return null;
  const d = new Date(value.replace(" ", "T"));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function nowLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00`;
}

export function MeetingsCard({ plan: p, editable }: { plan: Plan; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const localize = useLocalize();
  const change = usePlanChange(p.id);
  const [scheduling, setScheduling] = useState(false);
  const [recording, setRecording] = useState<Meeting | null>(null);
  const meetings = [...p.meetings].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const now = new Date().toISOString();

  return (
    <Card withBorder radius="md" padding="lg" data-testid="meetings-card">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t("onboarding.meetings.title")}
        </Title>
        {editable && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconCalendarPlus size={14} />}
            onClick={() => setScheduling(true)}
            data-testid="meeting-add"
          >
            {t("onboarding.meetings.schedule")}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {meetings.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("onboarding.meetings.none")}
          </Text>
        )}
        {meetings.map((m) => {
          const missed = !m.heldAt && m.scheduledAt < now;
          return (
            <Group
              key={m.id}
              gap="sm"
              align="flex-start"
              wrap="nowrap"
              data-testid="meeting"
              data-held={m.heldAt ? "true" : "false"}
            >
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Badge
                    size="xs"
                    color={typeColors[m.type] ?? "gray"}
                    variant="light"
                    tt="none"
                    style={{ flexShrink: 0 }}
                  >
                    {t(`timeline.meetingTypes.${m.type}`)}
                  </Badge>
                  <Text size="sm" fw={500} lineClamp={1} style={{ minWidth: 0 }} title={localize(m.title)}>
                    {localize(m.title)}
                  </Text>
                </Group>
                <Text size="xs" c={missed ? "orange.8" : "dimmed"}>
                  {f.dateTime(m.scheduledAt)}
                  {m.location ? ` · ${m.location}` : ""}
                  {missed ? ` · ${t("onboarding.meetings.notRecorded")}` : ""}
                </Text>
                {m.heldAt && (
                  <Text size="xs" c="teal.7">
                    <IconCheck size={11} /> {t("onboarding.meetings.heldOn", { date: f.dateTime(m.heldAt) })}
                  </Text>
                )}
                {m.notes && (
                  <Text size="xs" c="dimmed" lineClamp={3}>
                    <IconNotes size={11} /> {m.notes}
                  </Text>
                )}
              </Stack>
              {editable && !m.heldAt && (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => setRecording(m)}
                  data-testid="meeting-record"
                >
                  {t("onboarding.meetings.record")}
                </Button>
              )}
              {editable && !m.heldAt && (
                <Tooltip label={t("common.delete")}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label={t("common.delete")}
                    onClick={() =>
                      change.mutate(
                        { path: `/meetings/${encodeURIComponent(m.id)}`, method: "DELETE" },
                        { onError: notifyError },
                      )
                    }
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          );
        })}
      </Stack>
      {scheduling && <ScheduleModal plan={p} onClose={() => setScheduling(false)} />}
      {recording && <RecordModal plan={p} meeting={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}

function ScheduleModal({ plan: p, onClose }: { plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const change = usePlanChange(p.id);
  const [type, setType] = useState<MeetingKind>("progress_check");
  const [title, setTitle] = useState("");
  const [when, setWhen] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>(60);
  const [location, setLocation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const scheduledAt = toInstant(when);
    if (!scheduledAt) return setError(t("validation.required"));
    change.mutate(
      {
        path: "/meetings",
        method: "POST",
        body: {
          type,
          title: title.trim() || t(`timeline.meetingTypes.${type}`),
          scheduledAt,
          durationMinutes: Number(minutes) || 60,
          location: location.trim() || null,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t("onboarding.meetings.scheduled"));
          onClose();
        },
        onError: notifyError,
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t("onboarding.meetings.schedule")} centered>
      <Stack gap="sm">
        <Select
          label={t("onboarding.meetings.type")}
          data={meetingKinds.map((k) => ({ value: k, label: t(`timeline.meetingTypes.${k}`) }))}
          value={type}
          onChange={(v) => setType((v as MeetingKind) ?? "progress_check")}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t("onboarding.meetings.titleLabel")}
          placeholder={t(`timeline.meetingTypes.${type}`)}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <DateTimePicker
          label={t("onboarding.meetings.when")}
          valueFormat="YYYY/MM/DD HH:mm"
          required
          value={when}
          onChange={setWhen}
          error={error}
          data-testid="meeting-form-when"
        />
        <Group grow>
          <NumberInput
            label={t("onboarding.meetings.duration")}
            min={5}
            step={15}
            value={minutes}
            onChange={setMinutes}
          />
          <TextInput
            label={t("onboarding.meetings.location")}
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={change.isPending} onClick={submit} data-testid="meeting-form-submit">
            {t("onboarding.meetings.schedule")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RecordModal({ plan: p, meeting, onClose }: { plan: Plan; meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const change = usePlanChange(p.id);
  const [when, setWhen] = useState<string | null>(nowLocal());
  const [notes, setNotes] = useState("");
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("onboarding.meetings.recordTitle", { title: localize(meeting.title) })}
      centered
      size="lg"
    >
      <Stack gap="sm">
        <DateTimePicker
          label={t("onboarding.meetings.heldAt")}
          valueFormat="YYYY/MM/DD HH:mm"
          value={when}
          onChange={setWhen}
        />
        <Textarea
          label={t("onboarding.meetings.notes")}
          description={t("onboarding.meetings.notesHint")}
          autosize
          minRows={4}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          data-testid="meeting-record-notes"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            loading={change.isPending}
            data-testid="meeting-record-submit"
            onClick={() =>
              change.mutate(
                {
                  path: `/meetings/${encodeURIComponent(meeting.id)}`,
                  method: "PATCH",
                  body: { heldAt: toInstant(when) ?? new Date().toISOString(), notes: notes.trim() || null },
                },
                {
                  onSuccess: () => {
                    notifySuccess(t("onboarding.meetings.recorded"));
                    onClose();
                  },
                  onError: notifyError,
                },
              )
            }
          >
            {t("onboarding.meetings.record")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
