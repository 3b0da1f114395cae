// Add a task to a plan or edit one: title, stage, side, dates, assignee, dependencies, measure, notes.
import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { IconLock } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useOwnerOptions } from "../accounts/accounts-api";
import { applyFieldErrors } from "../platform/form-errors";
import { notifyError, notifySuccess } from "../platform/notify";
import type { Contact } from "../platform/types";
import {
  measuresQuery,
  type Plan,
  type Side,
  type Stage,
  stages,
  type Task,
  usePlanChange,
} from "./onboarding-api";
import { useLocalize, useToday } from "./onboarding-labels";

type Values = {
  title: string;
  stage: Stage;
  side: Side;
  startsOn: string | null;
  dueOn: string | null;
  assignee: string | null;
  dependsOn: string[];
  measure: string | null;
  description: string;
  internalNote: string;
};

export function TaskFormModal({
  plan,
  task,
  stage,
  contacts,
  onClose,
}: {
  plan: Plan;
  task: Task | null;
  stage: Stage;
  contacts: Contact[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const today = useToday();
  const owners = useOwnerOptions();
  const measures = useQuery(measuresQuery);
  const change = usePlanChange(plan.id);
  const form = useForm<Values>({
    initialValues: {
      title: task ? localize(task.title) : "",
      stage: task?.stage ?? stage,
      side: task?.side ?? "cs",
      startsOn: task?.startsOn ?? today,
      dueOn: task?.dueOn ?? today,
      assignee: task?.assigneeUserId
        ? `user:${task.assigneeUserId}`
        : task?.assigneeContactId
          ? `contact:${task.assigneeContactId}`
          : null,
      dependsOn: task?.dependsOn ?? [],
      measure: task?.measure ?? null,
      description: task?.description ? localize(task.description) : "",
      internalNote: task?.internalNote ?? "",
    },
    validate: {
      title: (v) => (v.trim() ? null : t("validation.required")),
      startsOn: (v) => (v ? null : t("validation.required")),
      dueOn: (v, values) =>
        !v
          ? t("validation.required")
          : values.startsOn && v < values.startsOn
            ? t("onboarding.tasks.dueBeforeStart")
            : null,
    },
  });

  const side = form.values.side;
  const assigneeOptions =
    side === "cs"
      ? owners.map((o) => ({ value: `user:${o.value}`, label: o.label }))
      : contacts.map((c) => ({
          value: `contact:${c.id}`,
          label: c.name ? `${c.name} <${c.email}>` : c.email,
        }));
  const measure = measures.data?.items.find((m) => m.key === form.values.measure);
  const misfit = measure && plan.touchModel && !measure.touchModels.includes(plan.touchModel);

  const fieldFor = (path: string) => {
    const head = path.split(".")[0] ?? "";
    if (head === "assigneeUserId" || head === "assigneeContactId") return "assignee";
    return [
      "title",
      "stage",
      "side",
      "startsOn",
      "dueOn",
      "dependsOn",
      "measure",
      "description",
      "internalNote",
    ].includes(head)
      ? head
      : null;
  };

  const submit = (v: Values) => {
    const assignee = v.assignee ?? "";
    const title = v.title.trim();
    // Keep the other language's text when the title did not change.
    const keepTitle = task && title === localize(task.title);
    const description = v.description.trim();
    const keepDescription = task?.description && description === localize(task.description);
    const body = {
      title: keepTitle ? task.title : title,
      stage: v.stage,
      side: v.side,
      startsOn: v.startsOn,
      dueOn: v.dueOn,
      assigneeUserId: assignee.startsWith("user:") ? assignee.slice(5) : null,
      assigneeContactId: assignee.startsWith("contact:") ? assignee.slice(8) : null,
      dependsOn: v.dependsOn,
      measure: v.measure,
      description: keepDescription ? task.description : description || null,
      internalNote: v.internalNote.trim() || null,
    };
    change.mutate(
      task
        ? { path: `/tasks/${encodeURIComponent(task.id)}`, method: "PATCH", body }
        : { path: "/tasks", method: "POST", body },
      {
        onSuccess: () => {
          notifySuccess(task ? t("onboarding.tasks.saved") : t("onboarding.tasks.added"));
          onClose();
        },
        onError: (error) => {
          if (!applyFieldErrors(error, form, fieldFor)) notifyError(error);
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={task ? t("onboarding.tasks.editTitle") : t("onboarding.tasks.addTitle")}
      size="lg"
      centered
    >
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="task-form">
        <Stack gap="sm">
          <TextInput
            label={t("onboarding.tasks.title")}
            required
            data-testid="task-form-title"
            {...form.getInputProps("title")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("onboarding.tasks.stage")}
              data={stages.map((s) => ({ value: s, label: t(`onboarding.stages.${s}`) }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("stage")}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t("onboarding.tasks.side")}
              </Text>
              <SegmentedControl
                data={[
                  { value: "cs", label: t("onboarding.sides.cs") },
                  { value: "customer", label: t("onboarding.sides.customer") },
                ]}
                value={form.values.side}
                onChange={(v) => {
                  form.setFieldValue("side", v as Side);
                  form.setFieldValue("assignee", null);
                }}
                data-testid="task-form-side"
              />
            </Stack>
            <DateInput
              label={t("onboarding.tasks.startsOn")}
              valueFormat="YYYY/MM/DD"
              required
              data-testid="task-form-starts"
              {...form.getInputProps("startsOn")}
            />
            <DateInput
              label={t("onboarding.tasks.dueOn")}
              valueFormat="YYYY/MM/DD"
              required
              data-testid="task-form-due"
              {...form.getInputProps("dueOn")}
            />
            <Select
              label={t("onboarding.tasks.assignee")}
              placeholder={t("onboarding.tasks.unassigned")}
              data={assigneeOptions}
              clearable
              searchable
              comboboxProps={{ withinPortal: true }}
              data-testid="task-form-assignee"
              {...form.getInputProps("assignee")}
            />
            <Select
              label={t("onboarding.tasks.measure")}
              placeholder={t("onboarding.tasks.noMeasure")}
              data={(measures.data?.items ?? []).map((m) => ({
                value: m.key,
                label: localize(m.label),
              }))}
              clearable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("measure")}
            />
          </SimpleGrid>
          {misfit && plan.touchModel && (
            <Alert color="yellow" variant="light" py="xs">
              {t("onboarding.measures.misfit", {
                measure: localize(measure.label),
                model: t(`touchModels.${plan.touchModel}`),
              })}
            </Alert>
          )}
          <MultiSelect
            label={t("onboarding.tasks.dependsOn")}
            description={t("onboarding.tasks.dependsOnHint")}
            data={plan.tasks
              .filter((x) => x.id !== task?.id)
              .map((x) => ({ value: x.id, label: localize(x.title) }))}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("dependsOn")}
          />
          <Textarea
            label={t("onboarding.tasks.description")}
            autosize
            minRows={2}
            {...form.getInputProps("description")}
          />
          <Textarea
            label={
              <Group gap={4} component="span">
                <IconLock size={12} />
                {t("onboarding.tasks.internalNote")}
              </Group>
            }
            description={t("onboarding.tasks.internalNoteHint")}
            autosize
            minRows={2}
            data-testid="task-form-note"
            styles={{ input: { background: "var(--mantine-color-yellow-0)" } }}
            {...form.getInputProps("internalNote")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={change.isPending} data-testid="task-form-submit">
              {task ? t("common.save") : t("onboarding.tasks.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
