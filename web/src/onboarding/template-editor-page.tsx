// Edit one onboarding template (managers; others read it): basics, tasks per stage with measures and
// dependencies, meetings, completion criteria and resources. The API's validation errors show at the field.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconArrowLeft, IconLock, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { touchModelColors } from "../accounts/account-badges";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { ApiError } from "../platform/api";
import { DaysInput } from "../platform/days-input";
import { notifyError, notifySuccess } from "../platform/notify";
import { type TouchModel, touchModels } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import {
  criterionKinds,
  type Measure,
  measuresQuery,
  meetingKinds,
  resourceKinds,
  type Stage,
  stages,
  type Template,
  type TemplateInput,
  templateQuery,
  useDeleteTemplate,
  useSaveTemplate,
} from "./onboarding-api";
import { stageColors, useLocalize } from "./onboarding-labels";

const route = getRouteApi("/app/onboarding/templates/$templateId");

const emptyTemplate: TemplateInput = {
  name: "",
  touchModel: "high",
  segment: null,
  definition: { targetDays: 60, businessDays: true, tasks: [], meetings: [], criteria: [], resources: [] },
};

const newKey = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

export function OnboardingTemplateEditorPage() {
  const { t } = useTranslation();
  const { templateId } = route.useParams();
  const isNew = templateId === "new";
  const from = isNew ? new URLSearchParams(window.location.search).get("from") : null;
  const source = useQuery({
    ...templateQuery(isNew ? (from ?? "") : templateId),
    enabled: !isNew || Boolean(from),
  });

  if (!isNew || from) {
    if (source.isError) return <Alert color="red">{t("onboarding.templates.notFound")}</Alert>;
    if (!source.data) return <Skeleton height={480} radius="md" maw={1400} mx="auto" />;
  }
  const template: TemplateInput | null = source.data
    ? {
        name: isNew ? t("onboarding.templates.copyName", { name: source.data.name }) : source.data.name,
        touchModel: source.data.touchModel,
        segment: source.data.segment,
        definition: source.data.definition,
      }
    : null;
  return (
    <TemplateEditor
      key={isNew ? `new-${from ?? ""}` : templateId}
      id={isNew ? null : templateId}
      initial={template ?? emptyTemplate}
      saved={isNew ? null : (source.data ?? null)}
    />
  );
}

function TemplateEditor({
  id,
  initial,
  saved,
}: {
  id: string | null;
  initial: TemplateInput;
  saved: Template | null;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const localize = useLocalize();
  const editable = canManageWorkspace(me);
  const segments = useSegmentOptions();
  const measures = useQuery(measuresQuery);
  const save = useSaveTemplate(id);
  const remove = useDeleteTemplate();
  const form = useForm<TemplateInput>({ initialValues: structuredClone(initial) });
  const v = form.values;
  const d = v.definition;

  const submit = (values: TemplateInput) =>
    save.mutate(values, {
      onSuccess: (result) => {
        notifySuccess(t("onboarding.templates.saved"));
        form.resetDirty(values);
        if (!id)
          void navigate({ to: "/onboarding/templates/$templateId", params: { templateId: result.id } });
      },
      onError: (error) => {
        if (!(error instanceof ApiError) || error.code !== "validation_failed" || !error.details.length)
          return notifyError(error);
        const titleOf = (key: string) => {
          const task = values.definition.tasks.find((x) => x.key === key);
          return task ? localize(task.title) || key : key;
        };
        for (const detail of error.details)
          form.setFieldError(detail.path.replace(/^body\./, ""), fieldMessage(detail.message, titleOf, t));
        notifyError(new Error(t("onboarding.templates.errors.fixFields", { count: error.details.length })));
      },
    });

  const taskOptions = d.tasks.map((task) => ({ value: task.key, label: localize(task.title) || task.key }));

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Anchor component={Link} to="/onboarding/templates" size="sm" c="dimmed" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("onboarding.templates.title")}
        </Group>
      </Anchor>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="template-form">
        <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <div>
                <Title order={1} size="h2" data-testid="template-title">
                  {v.name || t("onboarding.templates.untitled")}
                </Title>
                <Text size="sm" c="dimmed">
                  {id ? t("onboarding.templates.editHint") : t("onboarding.templates.newHint")}
                </Text>
              </div>
              {editable && (
                <Group gap="sm">
                  {id && (
                    <Button
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      loading={remove.isPending}
                      onClick={() =>
                        remove.mutate(id, {
                          onSuccess: () => {
                            notifySuccess(t("onboarding.templates.archived"));
                            void navigate({ to: "/onboarding/templates" });
                          },
                        })
                      }
                    >
                      {t("onboarding.templates.archive")}
                    </Button>
                  )}
                  <Button
                    type="submit"
                    loading={save.isPending}
                    disabled={id !== null && !form.isDirty()}
                    data-testid="template-save"
                  >
                    {t("common.save")}
                  </Button>
                </Group>
              )}
            </Group>
            {!editable && (
              <Alert icon={<IconLock size={16} />} color="gray" data-testid="template-read-only">
                {t("onboarding.templates.readOnly")}
              </Alert>
            )}

            <Card withBorder radius="md" padding="lg">
              <Title order={2} size="h4" mb="sm">
                {t("onboarding.templates.basics")}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                <TextInput
                  label={t("onboarding.templates.name")}
                  required
                  data-testid="template-name"
                  {...form.getInputProps("name")}
                />
                <Select
                  label={t("onboarding.templates.touchModel")}
                  data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="template-touch-model"
                  {...form.getInputProps("touchModel")}
                />
                <Select
                  label={t("onboarding.templates.segment")}
                  placeholder={t("onboarding.templates.allSegments")}
                  data={segments}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps("segment")}
                />
                <DaysInput
                  label={t("onboarding.templates.targetDays")}
                  description={t("onboarding.templates.targetDaysHint")}
                  min={1}
                  max={365}
                  data-testid="template-target-days"
                  {...form.getInputProps("definition.targetDays")}
                />
                <Switch
                  mt="lg"
                  label={t("onboarding.templates.businessDays")}
                  description={t("onboarding.templates.businessDaysHint")}
                  {...form.getInputProps("definition.businessDays", { type: "checkbox" })}
                />
              </SimpleGrid>
            </Card>

            {stages.map((stage) => (
              <StageTasks
                key={stage}
                stage={stage}
                form={form}
                editable={editable}
                taskOptions={taskOptions}
                measures={measures.data?.items ?? []}
                touchModel={v.touchModel}
              />
            ))}

            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <Card withBorder radius="md" padding="lg" data-testid="template-meetings">
                <SectionHead
                  title={t("onboarding.meetings.title")}
                  editable={editable}
                  onAdd={() =>
                    form.insertListItem("definition.meetings", {
                      key: newKey("meeting"),
                      type: "progress_check",
                      title: { ja: "", en: "" },
                      offsetDays: 0,
                      durationMinutes: 60,
                    })
                  }
                />
                <Stack gap="xs">
                  {d.meetings.map((m, i) => (
                    <Paper key={m.key} withBorder p="xs" radius="sm">
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                        <TitleInputs form={form} path={`definition.meetings.${i}`} />
                        <Select
                          size="xs"
                          label={t("onboarding.meetings.type")}
                          data={meetingKinds.map((k) => ({
                            value: k,
                            label: t(`timeline.meetingTypes.${k}`),
                          }))}
                          allowDeselect={false}
                          comboboxProps={{ withinPortal: true }}
                          {...form.getInputProps(`definition.meetings.${i}.type`)}
                        />
                        <Group gap="xs" grow wrap="nowrap" align="flex-end">
                          <NumberInput
                            size="xs"
                            label={t("onboarding.templates.offsetDays")}
                            min={0}
                            {...form.getInputProps(`definition.meetings.${i}.offsetDays`)}
                          />
                          <NumberInput
                            size="xs"
                            label={t("onboarding.templates.everyDays")}
                            min={1}
                            value={m.everyDays ?? ""}
                            onChange={(n) =>
                              form.setFieldValue(
                                `definition.meetings.${i}.everyDays`,
                                typeof n === "number" ? n : undefined,
                              )
                            }
                            error={form.errors[`definition.meetings.${i}.everyDays`]}
                          />
                          <NumberInput
                            size="xs"
                            label={t("onboarding.templates.minutes")}
                            min={5}
                            {...form.getInputProps(`definition.meetings.${i}.durationMinutes`)}
                          />
                        </Group>
                      </SimpleGrid>
                      {editable && (
                        <RemoveButton onClick={() => form.removeListItem("definition.meetings", i)} />
                      )}
                    </Paper>
                  ))}
                </Stack>
              </Card>

              <Card withBorder radius="md" padding="lg" data-testid="template-criteria">
                <SectionHead
                  title={t("onboarding.criteria.title")}
                  editable={editable}
                  onAdd={() =>
                    form.insertListItem("definition.criteria", {
                      key: newKey("criterion"),
                      title: { ja: "", en: "" },
                      kind: "manual",
                    })
                  }
                />
                <Stack gap="xs">
                  {d.criteria.map((c, i) => (
                    <Paper key={c.key} withBorder p="xs" radius="sm">
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                        <TitleInputs form={form} path={`definition.criteria.${i}`} />
                        <Select
                          size="xs"
                          label={t("onboarding.criteria.kind")}
                          data={criterionKinds.map((k) => ({
                            value: k,
                            label: t(`onboarding.criteria.kinds.${k}`),
                          }))}
                          allowDeselect={false}
                          comboboxProps={{ withinPortal: true }}
                          {...form.getInputProps(`definition.criteria.${i}.kind`)}
                        />
                        {c.kind === "event" && (
                          <TextInput
                            size="xs"
                            label={t("onboarding.criteria.event")}
                            placeholder="Tutorial Completed"
                            {...form.getInputProps(`definition.criteria.${i}.event`)}
                          />
                        )}
                        {c.kind === "usage" && (
                          <Group gap="xs" grow wrap="nowrap">
                            <NumberInput
                              size="xs"
                              label={t("onboarding.criteria.minActiveUsers")}
                              min={1}
                              {...form.getInputProps(`definition.criteria.${i}.minActiveUsers`)}
                            />
                            <NumberInput
                              size="xs"
                              label={t("onboarding.criteria.minDays")}
                              min={1}
                              {...form.getInputProps(`definition.criteria.${i}.minDays`)}
                            />
                            <NumberInput
                              size="xs"
                              label={t("onboarding.criteria.windowDays")}
                              min={1}
                              {...form.getInputProps(`definition.criteria.${i}.windowDays`)}
                            />
                          </Group>
                        )}
                      </SimpleGrid>
                      {editable && (
                        <RemoveButton onClick={() => form.removeListItem("definition.criteria", i)} />
                      )}
                    </Paper>
                  ))}
                </Stack>
              </Card>
            </SimpleGrid>

            <Card withBorder radius="md" padding="lg" data-testid="template-resources">
              <SectionHead
                title={t("onboarding.resources.title")}
                editable={editable}
                onAdd={() =>
                  form.insertListItem("definition.resources", {
                    key: newKey("resource"),
                    title: { ja: "", en: "" },
                    url: "https://",
                    kind: "manual",
                  })
                }
              />
              <Stack gap="xs">
                {d.resources.map((r, i) => (
                  <Group key={r.key} gap="xs" align="flex-end" wrap="wrap">
                    <TitleInputs
                      form={form}
                      path={`definition.resources.${i}`}
                      style={{ flex: "1 1 180px" }}
                    />
                    <TextInput
                      size="xs"
                      style={{ flex: "2 1 240px" }}
                      label="URL"
                      {...form.getInputProps(`definition.resources.${i}.url`)}
                    />
                    <Select
                      size="xs"
                      w={130}
                      label={t("onboarding.resources.kind")}
                      data={resourceKinds.map((k) => ({
                        value: k,
                        label: t(`onboarding.resources.kinds.${k}`),
                      }))}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                      {...form.getInputProps(`definition.resources.${i}.kind`)}
                    />
                    {editable && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        mb={4}
                        aria-label={t("common.delete")}
                        onClick={() => form.removeListItem("definition.resources", i)}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
              </Stack>
            </Card>
            {saved && (
              <Text size="xs" c="dimmed">
                {t("onboarding.templates.runningKeepCopy")}
              </Text>
            )}
          </Stack>
        </fieldset>
      </form>
    </Stack>
  );
}

type Form = ReturnType<typeof useForm<TemplateInput>>;

function StageTasks({
  stage,
  form,
  editable,
  taskOptions,
  measures,
  touchModel,
}: {
  stage: Stage;
  form: Form;
  editable: boolean;
  taskOptions: { value: string; label: string }[];
  measures: Measure[];
  touchModel: TouchModel;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const tasks = form.values.definition.tasks
    .map((task, index) => ({ task, index }))
    .filter(({ task }) => task.stage === stage);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="template-stage"
      data-stage={stage}
      style={{ borderLeft: `4px solid var(--mantine-color-${stageColors[stage]}-6)` }}
    >
      <SectionHead
        title={`${t(`onboarding.stages.${stage}`)} (${tasks.length})`}
        editable={editable}
        addLabel={t("onboarding.tasks.add")}
        testId="template-task-add"
        onAdd={() =>
          form.insertListItem("definition.tasks", {
            key: newKey("task"),
            stage,
            title: { ja: "", en: "" },
            side: "cs",
            offsetDays: 0,
            durationDays: 1,
            dependsOn: [],
            measure: null,
          })
        }
      />
      <Stack gap="xs">
        {tasks.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("onboarding.tasks.noneInStage")}
          </Text>
        )}
        {tasks.map(({ task, index: i }) => {
          const measure = measures.find((m) => m.key === task.measure);
          const misfit = measure && !measure.touchModels.includes(touchModel);
          const path = `definition.tasks.${i}`;
          return (
            <Paper key={task.key} withBorder p="sm" radius="sm" data-testid="template-task">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
                <TitleInputs form={form} path={path} testId="template-task-title" />
                <Select
                  size="xs"
                  label={t("onboarding.tasks.side")}
                  data={[
                    { value: "cs", label: t("onboarding.sides.cs") },
                    { value: "customer", label: t("onboarding.sides.customer") },
                  ]}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps(`${path}.side`)}
                />
                <Select
                  size="xs"
                  label={t("onboarding.tasks.measure")}
                  placeholder={t("onboarding.tasks.noMeasure")}
                  data={measures.map((m) => ({
                    value: m.key,
                    label: `${localize(m.label)}${m.touchModels.includes(touchModel) ? "" : " ⚠"}`,
                  }))}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                  data-testid="template-task-measure"
                  {...form.getInputProps(`${path}.measure`)}
                  renderOption={({ option }) => {
                    const m = measures.find((x) => x.key === option.value);
                    return (
                      <Stack gap={2}>
                        <Text size="xs">{m ? localize(m.label) : option.label}</Text>
                        <Group gap={2}>
                          {m?.touchModels.map((tm) => (
                            <Badge
                              key={tm}
                              size="xs"
                              variant={tm === touchModel ? "filled" : "light"}
                              color={touchModelColors[tm]}
                              tt="none"
                            >
                              {t(`touchModels.${tm}`)}
                            </Badge>
                          ))}
                        </Group>
                      </Stack>
                    );
                  }}
                />
                <NumberInput
                  size="xs"
                  label={t("onboarding.templates.offsetDays")}
                  min={0}
                  allowDecimal={false}
                  data-testid="template-task-offset"
                  {...form.getInputProps(`${path}.offsetDays`)}
                />
                <NumberInput
                  size="xs"
                  label={t("onboarding.templates.durationDays")}
                  min={1}
                  allowDecimal={false}
                  {...form.getInputProps(`${path}.durationDays`)}
                />
                <MultiSelect
                  size="xs"
                  label={t("onboarding.tasks.dependsOn")}
                  data={taskOptions.filter((o) => o.value !== task.key)}
                  searchable
                  comboboxProps={{ withinPortal: true }}
                  style={{ gridColumn: "span 2" }}
                  data-testid="template-task-depends"
                  {...form.getInputProps(`${path}.dependsOn`)}
                />
              </SimpleGrid>
              <Group justify="space-between" mt={6} gap="xs">
                <Group gap={4}>
                  {measure?.touchModels.map((tm) => (
                    <Badge
                      key={tm}
                      size="xs"
                      variant={tm === touchModel ? "filled" : "light"}
                      color={touchModelColors[tm]}
                      tt="none"
                    >
                      {t(`touchModels.${tm}`)}
                    </Badge>
                  ))}
                  {misfit && (
                    <Text size="xs" c="orange.8" data-testid="template-measure-misfit">
                      <IconAlertTriangle size={12} />{" "}
                      {t("onboarding.measures.misfit", {
                        measure: localize(measure.label),
                        model: t(`touchModels.${touchModel}`),
                      })}
                    </Text>
                  )}
                </Group>
                {editable && <RemoveButton onClick={() => form.removeListItem("definition.tasks", i)} />}
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </Card>
  );
}

/** The Japanese and English title of a template item, side by side. */
function TitleInputs({
  form,
  path,
  style,
  testId,
}: {
  form: Form;
  path: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {(["ja", "en"] as const).map((lang) => (
        <TextInput
          key={lang}
          size="xs"
          style={style}
          label={t(lang === "ja" ? "onboarding.templates.titleJa" : "onboarding.templates.titleEn")}
          data-testid={testId && `${testId}-${lang}`}
          {...form.getInputProps(`${path}.title.${lang}`)}
        />
      ))}
    </>
  );
}

function SectionHead({
  title,
  editable,
  onAdd,
  addLabel,
  testId,
}: {
  title: string;
  editable: boolean;
  onAdd: () => void;
  addLabel?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mb="sm">
      <Title order={2} size="h4">
        {title}
      </Title>
      {editable && (
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={onAdd}
          data-testid={testId}
        >
          {addLabel ?? t("onboarding.templates.add")}
        </Button>
      )}
    </Group>
  );
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("common.delete")}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="sm"
        aria-label={t("common.delete")}
        onClick={onClick}
        ml="auto"
        display="block"
      >
        <IconTrash size={14} />
      </ActionIcon>
    </Tooltip>
  );
}

/** The API's validation message in the UI language, naming tasks by their titles. */
function fieldMessage(message: string, titleOf: (key: string) => string, t: TFunction): string {
  const e = "onboarding.templates.errors";
  const unknown = /^depends on unknown task (.+)$/.exec(message);
  if (unknown) return t(`${e}.unknownDependency`, { task: unknown[1] });
  if (message === "depends on itself") return t(`${e}.selfDependency`);
  const cycle = /^cycle: (.+)$/.exec(message);
  if (cycle)
    return t(`${e}.cycle`, {
      tasks: (cycle[1] ?? "")
        .split(" → ")
        .map((k) => t(`${e}.quoted`, { title: titleOf(k) }))
        .join(" → "),
    });
  const duplicate = /^duplicate key (.+)$/.exec(message);
  if (duplicate) return t(`${e}.duplicateKey`, { key: duplicate[1] });
  if (/^is required for an? (event|usage) criterion$/.test(message)) return t("validation.required");
  if (message === "must not exceed windowDays") return t(`${e}.minDaysOverWindow`);
  if (message === "must be an http or https URL") return t(`${e}.url`);
  if (/^Too small: expected string/.test(message)) return t("validation.required");
  return message;
}
