import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Chip,
  Group,
  Modal,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Tooltip,
} from "@mantine/core";
import {
  IconArrowsExchange,
  IconClipboardCheck,
  IconClipboardText,
  IconHandStop,
  IconListCheck,
  IconNote,
  IconPencil,
  IconPresentation,
  IconRoute,
  IconTrash,
  IconUrgent,
  IconUsers,
  IconWorld,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import { describeEntry } from "./describe-entry";
import { type TimelineEntry, timelineKinds, useDeleteTimelineEntry, useTimeline } from "./timeline-api";
import { TimelineEntryForm } from "./timeline-entry-form";

const kindIcons: Record<string, typeof IconNote> = {
  note: IconNote,
  meeting: IconUsers,
  handoff: IconHandStop,
  hearing: IconClipboardText,
  segment: IconRoute,
  touch_model: IconArrowsExchange,
  lifecycle: IconClipboardCheck,
  onboarding: IconListCheck,
  follow_up: IconUrgent,
  portal: IconWorld,
  seminar: IconPresentation,
};
const kindColors: Record<string, string> = { note: "indigo", meeting: "teal" };

export function TimelineSection({ accountId, editable }: { accountId: string; editable: boolean }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<string[]>([]);
  const timeline = useTimeline(accountId, kinds);
  const [editing, setEditing] = useState<TimelineEntry | null>(null);
  const [deleting, setDeleting] = useState<TimelineEntry | null>(null);
  const remove = useDeleteTimelineEntry(accountId);
  const entries = timeline.data?.pages.flatMap((p) => p.items);

  return (
    <Stack gap="md">
      {editable && (
        <Card withBorder radius="md" padding="lg" data-testid="timeline-composer">
          <TimelineEntryForm accountId={accountId} />
        </Card>
      )}
      <Card withBorder radius="md" padding="lg">
        <Chip.Group multiple value={kinds} onChange={setKinds}>
          <Group gap={6} mb="lg" data-testid="timeline-filters">
            {timelineKinds.map((k) => (
              <Chip key={k} value={k} size="xs" data-testid={`timeline-filter-${k}`}>
                {t(`timeline.kinds.${k}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {!entries ? (
          <Skeleton height={200} />
        ) : entries.length === 0 ? (
          <Text c="dimmed" size="sm" ta="center" py="xl" data-testid="timeline-empty">
            {kinds.length ? t("timeline.noMatch") : t("timeline.empty")}
          </Text>
        ) : (
          <Timeline bulletSize={28} lineWidth={2} data-testid="timeline">
            {entries.map((e) => (
              <Timeline.Item
                key={e.id}
                bullet={<KindIcon kind={e.kind} />}
                color={kindColors[e.kind] ?? "gray"}
                data-testid="timeline-entry"
                data-kind={e.kind}
              >
                <Entry entry={e} onEdit={() => setEditing(e)} onDelete={() => setDeleting(e)} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {timeline.hasNextPage && (
          <Group justify="center" mt="md">
            <Button
              variant="light"
              onClick={() => void timeline.fetchNextPage()}
              loading={timeline.isFetchingNextPage}
              data-testid="timeline-more"
            >
              {t("timeline.loadMore")}
            </Button>
          </Group>
        )}
      </Card>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t("timeline.editTitle")}
        size="lg"
      >
        {editing && (
          <TimelineEntryForm accountId={accountId} entry={editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("timeline.deleteTitle")}
        centered
      >
        <Stack>
          <Text size="sm">{t("timeline.deleteBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              data-testid="timeline-delete-confirm"
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    notifySuccess(t("timeline.deleted"));
                    setDeleting(null);
                  },
                })
              }
            >
              {t("common.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function KindIcon({ kind }: { kind: string }) {
  const Icon = kindIcons[kind] ?? IconNote;
  return <Icon size={15} />;
}

function Entry({
  entry: e,
  onEdit,
  onDelete,
}: {
  entry: TimelineEntry;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const written = e.kind === "note" || e.kind === "meeting";
  const attendees = Array.isArray(e.data.attendees) ? (e.data.attendees as string[]) : [];
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Group gap={6} style={{ minWidth: 0 }}>
          {e.kind === "meeting" && e.meetingType && (
            <Badge size="sm" variant="light" color="teal" tt="none">
              {t(`timeline.meetingTypes.${e.meetingType}`)}
            </Badge>
          )}
          {e.kind === "note" && (
            <Badge size="sm" variant="light" color="indigo" tt="none">
              {t("timeline.kinds.note")}
            </Badge>
          )}
          <Text
            fw={written ? 600 : 400}
            size="sm"
            style={{ overflowWrap: "anywhere" }}
            data-testid="timeline-entry-title"
          >
            {written ? (e.title ?? "") : describeEntry(e, t)}
          </Text>
        </Group>
        {e.editable && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t("common.edit")}>
              <ActionIcon
                variant="subtle"
                size="sm"
                onClick={onEdit}
                aria-label={t("common.edit")}
                data-testid="timeline-edit"
              >
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("common.delete")}>
              <ActionIcon
                variant="subtle"
                size="sm"
                color="red"
                onClick={onDelete}
                aria-label={t("common.delete")}
                data-testid="timeline-delete"
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      {written && e.body && (
        <Text
          size="sm"
          style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
          data-testid="timeline-entry-body"
        >
          {e.body}
        </Text>
      )}
      {attendees.length > 0 && (
        <Text size="xs" c="dimmed">
          {t("timeline.attendeesLine", { names: attendees.join("、") })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {[f.dateTime(e.occurredAt), e.actorName ?? e.actorLabel ?? t("timeline.system.actor")].join(" · ")}
        {e.data.editedAt ? ` · ${t("timeline.edited")}` : ""}
      </Text>
    </Stack>
  );
}
