// The plan's tasks grouped by the three stages: tick, change status, edit, add and delete.
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import {
  IconAlertTriangle,
  IconDots,
  IconLock,
  IconPencil,
  IconPlus,
  IconTrash,
  IconUser,
  IconUsers,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { notifyError } from "../platform/notify";
import type { Contact } from "../platform/types";
import { ConfirmModal } from "./confirm-modal";
import {
  measuresQuery,
  type Plan,
  type Stage,
  stages,
  type Task,
  type TaskStatus,
  taskStatuses,
  usePlanChange,
} from "./onboarding-api";
import { daysBetween, stageColors, useLocalize, useToday } from "./onboarding-labels";
import { TaskFormModal } from "./task-form-modal";

export function TaskList({
  plan,
  contacts,
  editable,
}: {
  plan: Plan;
  accountId: string;
  contacts: Contact[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Task | "new" | null>(null);
  const [newStage, setNewStage] = useState<Stage>("initial_response");

  return (
    <Stack gap="md" data-testid="task-list">
      {stages.map((stage, i) => {
        const tasks = plan.tasks
          .filter((task) => task.stage === stage)
          .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.position - b.position);
        const done = tasks.filter((task) => task.status === "done").length;
        const counted = tasks.filter((task) => task.status !== "skipped").length;
        return (
          <Card key={stage} withBorder radius="md" padding={0} data-testid="task-stage" data-stage={stage}>
            <Group
              justify="space-between"
              px="md"
              py="sm"
              style={{
                borderBottom: "1px solid var(--mantine-color-default-border)",
                borderLeft: `4px solid var(--mantine-color-${stageColors[stage]}-6)`,
              }}
            >
              <Group gap="xs">
                <ThemeIcon size={24} radius="xl" color={stageColors[stage]} variant="light">
                  <Text size="xs" fw={700}>
                    {i + 1}
                  </Text>
                </ThemeIcon>
                <Title order={3} size="h5">
                  {t(`onboarding.stages.${stage}`)}
                </Title>
                <Text size="sm" c="dimmed">
                  {done}/{counted}
                </Text>
              </Group>
              {editable && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => {
                    setNewStage(stage);
                    setEditing("new");
                  }}
                  data-testid="task-add"
                >
                  {t("onboarding.tasks.add")}
                </Button>
              )}
            </Group>
            {tasks.length === 0 ? (
              <Text size="sm" c="dimmed" px="md" py="sm">
                {t("onboarding.tasks.noneInStage")}
              </Text>
            ) : (
              tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  plan={plan}
                  editable={editable}
                  onEdit={() => setEditing(task)}
                />
              ))
            )}
          </Card>
        );
      })}
      {editing && (
        <TaskFormModal
          plan={plan}
          task={editing === "new" ? null : editing}
          stage={newStage}
          contacts={contacts}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function TaskRow({
  task,
  plan,
  editable,
  onEdit,
}: {
  task: Task;
  plan: Plan;
  editable: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const localize = useLocalize();
  const today = useToday();
  const measures = useQuery(measuresQuery);
  const change = usePlanChange(plan.id);
  const done = task.status === "done";
  const skipped = task.status === "skipped";
  const overdue = task.overdue && !done && !skipped;
  const measure = task.measure ? measures.data?.items.find((m) => m.key === task.measure) : null;
  const deps = task.dependsOn
    .map((id) => plan.tasks.find((x) => x.id === id))
    .filter((x): x is Task => Boolean(x));

  const setStatus = (status: TaskStatus) =>
    change.mutate(
      { path: `/tasks/${encodeURIComponent(task.id)}`, method: "PATCH", body: { status } },
      { onError: notifyError },
    );

  const [deleting, setDeleting] = useState(false);
  const remove = () =>
    change.mutate(
      { path: `/tasks/${encodeURIComponent(task.id)}`, method: "DELETE" },
      { onSuccess: () => setDeleting(false), onError: notifyError },
    );

  return (
    <Box
      px="md"
      py="sm"
      data-testid="task-row"
      data-task-id={task.id}
      data-status={task.status}
      data-overdue={overdue ? "true" : undefined}
      style={{
        borderBottom: "1px solid var(--mantine-color-default-border)",
        background: overdue ? "var(--mantine-color-red-0)" : undefined,
        boxShadow: overdue ? "inset 3px 0 0 var(--mantine-color-red-6)" : undefined,
      }}
    >
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Checkbox
          mt={2}
          checked={done}
          disabled={!editable || skipped || change.isPending}
          onChange={(e) => setStatus(e.currentTarget.checked ? "done" : "todo")}
          aria-label={t("onboarding.tasks.markDone")}
          data-testid="task-done"
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text
              size="sm"
              fw={600}
              td={done || skipped ? "line-through" : undefined}
              c={done || skipped ? "dimmed" : undefined}
              data-testid="task-title"
            >
              {localize(task.title)}
            </Text>
            <Badge
              size="xs"
              variant="light"
              color={task.side === "customer" ? "orange" : "indigo"}
              tt="none"
              leftSection={task.side === "customer" ? <IconUsers size={10} /> : <IconUser size={10} />}
            >
              {t(`onboarding.sides.${task.side}`)}
            </Badge>
            {measure && (
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {localize(measure.label)}
              </Badge>
            )}
            {task.source === "follow_up" && (
              <Badge size="xs" variant="light" color="pink" tt="none">
                {t("onboarding.tasks.fromFollowUp")}
              </Badge>
            )}
            {overdue && (
              <Badge
                size="xs"
                color="red"
                variant="filled"
                tt="none"
                leftSection={<IconAlertTriangle size={10} />}
                data-testid="task-overdue"
              >
                {t("onboarding.tasks.overdueDays", { count: Math.max(1, daysBetween(task.dueOn, today)) })}
              </Badge>
            )}
          </Group>
          {task.description && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {localize(task.description)}
            </Text>
          )}
          <Group gap="md" wrap="wrap">
            <Text size="xs" c={overdue ? "red.7" : "dimmed"} fw={overdue ? 600 : undefined}>
              {f.date(task.startsOn)} → {f.date(task.dueOn)}
            </Text>
            <Text size="xs" c="dimmed">
              {task.assigneeName ?? task.assigneeContactName ?? t("onboarding.tasks.unassigned")}
            </Text>
            {deps.length > 0 && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {t("onboarding.tasks.after", { titles: deps.map((d) => localize(d.title)).join(", ") })}
              </Text>
            )}
            {done && task.doneAt && (
              <Text size="xs" c="teal.7">
                {t("onboarding.tasks.doneBy", { who: task.doneByLabel ?? "—", date: f.date(task.doneAt) })}
              </Text>
            )}
          </Group>
          {task.internalNote && (
            <Paper
              bg="yellow.0"
              px="xs"
              py={4}
              radius="sm"
              withBorder
              style={{ borderColor: "var(--mantine-color-yellow-3)" }}
              data-testid="task-internal-note"
            >
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconLock size={12} style={{ marginTop: 3, flexShrink: 0 }} />
                <Text size="xs">
                  <Text span size="xs" fw={600}>
                    {t("onboarding.tasks.internalNote")}:
                  </Text>{" "}
                  {task.internalNote}
                </Text>
              </Group>
            </Paper>
          )}
        </Stack>
        <Group gap={4} wrap="nowrap" visibleFrom="xs">
          <Select
            size="xs"
            w={120}
            value={task.status}
            disabled={!editable || change.isPending}
            allowDeselect={false}
            onChange={(v) => v && v !== task.status && setStatus(v as TaskStatus)}
            data={taskStatuses.map((s) => ({ value: s, label: t(`onboarding.taskStatus.${s}`) }))}
            aria-label={t("onboarding.tasks.status")}
            data-testid="task-status"
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        {editable && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t("onboarding.tasks.actions")}
                data-testid="task-menu"
              >
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="task-edit">
                {t("common.edit")}
              </Menu.Item>
              {taskStatuses
                .filter((s) => s !== task.status)
                .map((s) => (
                  <Menu.Item key={s} hiddenFrom="xs" onClick={() => setStatus(s)}>
                    {t(`onboarding.taskStatus.${s}`)}
                  </Menu.Item>
                ))}
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setDeleting(true)}
                data-testid="task-delete"
              >
                {t("common.delete")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <ConfirmModal
        opened={deleting}
        title={t("onboarding.tasks.deleteTitle")}
        body={t("onboarding.tasks.deleteBody", { title: localize(task.title) })}
        loading={change.isPending}
        onConfirm={remove}
        onClose={() => setDeleting(false)}
      />
    </Box>
  );
}
