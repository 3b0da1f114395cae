import {
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { toZonedDay, useWorkspaceTimeZone } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import {
  type MeetingType,
  meetingTypes,
  type TimelineEntry,
  useAddTimelineEntry,
  useUpdateTimelineEntry,
} from "./timeline-api";

type Values = {
  kind: "note" | "meeting";
  meetingType: MeetingType;
  title: string;
  body: string;
  day: string | null;
  attendees: string[];
};

/** Writes a note or a meeting record, or edits one (`entry`). */
export function TimelineEntryForm({
  accountId,
  entry,
  onDone,
}: {
  accountId: string;
  entry?: TimelineEntry;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const add = useAddTimelineEntry(accountId);
  const update = useUpdateTimelineEntry(accountId);
  const initial: Values = {
    kind: entry?.kind === "meeting" ? "meeting" : "note",
    meetingType: entry?.meetingType ?? "kickoff",
    title: entry?.title ?? "",
    body: entry?.body ?? "",
    day: entry ? toZonedDay(entry.occurredAt, timeZone) : null,
    attendees: Array.isArray(entry?.data.attendees) ? (entry.data.attendees as string[]) : [],
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      body: (v, values) => (values.kind === "note" && !v.trim() ? t("validation.required") : null),
      title: (v, values) => (values.kind === "meeting" && !v.trim() ? t("validation.required") : null),
    },
  });
  const meeting = form.values.kind === "meeting";

  const submit = (v: Values) => {
    const title = v.title.trim() || null;
    const body = v.body.trim() || null;
    const occurredAt = v.day && v.day !== initial.day ? v.day : undefined;
    const handlers = {
      onSuccess: () => {
        notifySuccess(entry ? t("timeline.saved") : t("timeline.added"));
        form.setValues({ ...form.values, title: "", body: "", attendees: [], day: null });
        onDone?.();
      },
      onError: (error: unknown) => {
        if (!applyFieldErrors(error, form, (p) => (p in v ? p : p === "occurredAt" ? "day" : null)))
          notifyError(error);
      },
    };
    if (entry) {
      update.mutate(
        {
          id: entry.id,
          patch: meeting
            ? { title, body, meetingType: v.meetingType, attendees: v.attendees, occurredAt }
            : { title, body, occurredAt },
        },
        handlers,
      );
    } else if (meeting) {
      add.mutate(
        {
          kind: "meeting",
          meetingType: v.meetingType,
          title: title ?? "",
          body,
          attendees: v.attendees.length ? v.attendees : undefined,
          occurredAt,
        },
        handlers,
      );
    } else add.mutate({ kind: "note", title, body: body ?? "", occurredAt }, handlers);
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="timeline-form">
      <Stack gap="sm">
        {!entry && (
          <SegmentedControl
            w="fit-content"
            data-testid="timeline-form-kind"
            data={[
              { value: "note", label: t("timeline.kinds.note") },
              { value: "meeting", label: t("timeline.kinds.meeting") },
            ]}
            {...form.getInputProps("kind")}
          />
        )}
        {meeting && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("timeline.meetingType")}
              allowDeselect={false}
              data={meetingTypes.map((m) => ({ value: m, label: t(`timeline.meetingTypes.${m}`) }))}
              data-testid="timeline-form-meeting-type"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("meetingType")}
            />
            <TagsInput
              label={t("timeline.attendees")}
              placeholder={t("timeline.attendeesPlaceholder")}
              data-testid="timeline-form-attendees"
              {...form.getInputProps("attendees")}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={meeting ? t("timeline.title") : t("timeline.titleOptional")}
            required={meeting}
            data-testid="timeline-form-title"
            {...form.getInputProps("title")}
          />
          <DateInput
            label={t("timeline.occurredAt")}
            placeholder={t("timeline.occurredAtNow")}
            valueFormat="YYYY/MM/DD"
            clearable
            data-testid="timeline-form-date"
            {...form.getInputProps("day")}
          />
        </SimpleGrid>
        <Textarea
          label={meeting ? t("timeline.minutes") : t("timeline.body")}
          required={!meeting}
          autosize
          minRows={3}
          maxRows={12}
          placeholder={meeting ? t("timeline.minutesPlaceholder") : t("timeline.bodyPlaceholder")}
          data-testid="timeline-form-body"
          {...form.getInputProps("body")}
        />
        <Group justify="flex-end">
          {onDone && entry && (
            <Button variant="default" onClick={onDone}>
              {t("common.cancel")}
            </Button>
          )}
          <Button
            type="submit"
            loading={add.isPending || update.isPending}
            data-testid="timeline-form-submit"
          >
            {entry ? t("common.save") : meeting ? t("timeline.addMeeting") : t("timeline.addNote")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
