// Define or change a survey: kind, texts in Japanese and English, custom questions and triggers.
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { notifyError, notifySuccess } from "../platform/notify";
import { contactRoles, touchModels } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import { type Survey, type SurveyInput, type SurveyKind, surveyQuery, useSaveSurvey } from "./surveys-api";

const editRoute = getRouteApi("/app/surveys/$surveyId/edit");

export function NewSurveyPage() {
  return <SurveyEditor survey={null} />;
}

export function EditSurveyPage() {
  const { surveyId } = editRoute.useParams();
  const survey = useQuery(surveyQuery(surveyId));
  if (!survey.data) return <Loader />;
  return <SurveyEditor survey={survey.data} />;
}

const emptyText = { ja: "", en: "" };
const defaults: Record<SurveyKind, { title: { ja: string; en: string } }> = {
  nps: { title: { ja: "サービスをおすすめいただける度合い", en: "How likely are you to recommend us?" } },
  csat: { title: { ja: "オンボーディングの満足度", en: "How satisfied are you with the onboarding?" } },
  custom: { title: emptyText },
};

function toInput(s: Survey | null): SurveyInput {
  if (!s)
    return {
      kind: "nps",
      title: defaults.nps.title,
      intro: emptyText,
      questions: [],
      closeAfterDays: 14,
      triggers: [],
    };
  return {
    kind: s.kind,
    title: s.title,
    intro: s.intro,
    questions: s.questions.map((q) => ({ ...q, options: q.options ?? [] })),
    closeAfterDays: s.closeAfterDays,
    triggers: s.triggers.map(({ createdAt: _c, ...tr }) => tr),
  };
}

function SurveyEditor({ survey }: { survey: Survey | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveSurvey(survey?.id ?? null);
  const segmentOptions = useSegmentOptions();
  const form = useForm<SurveyInput>({ initialValues: toInput(survey) });
  const v = form.values;
  const kindLocked = (survey?.responses ?? 0) > 0;

  const submit = form.onSubmit((values) => {
    const input: SurveyInput = {
      ...values,
      questions: values.questions.map((q) => ({
        ...q,
        options:
          q.type === "choice"
            ? (q.options ?? []).map((o, i) => ({ ...o, value: o.value || `o${i + 1}` }))
            : undefined,
      })),
      triggers: values.triggers.map((tr) => ({
        ...tr,
        days: tr.kind === "days_after_start" ? (tr.days ?? 0) : null,
      })),
    };
    save.mutate(input, {
      onSuccess: (saved) => {
        notifySuccess(t("surveys.editor.saved"));
        void navigate({ to: "/surveys/$surveyId", params: { surveyId: saved.id } });
      },
      onError: (error) => {
        applyFieldErrors(error, form);
        notifyError(error);
      },
    });
  });

  return (
    <form onSubmit={submit}>
      <Stack gap="md" maw={960} mx="auto">
        <Title order={1} size="h2">
          {survey ? t("surveys.editor.editTitle") : t("surveys.editor.newTitle")}
        </Title>

        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t("surveys.editor.kind")}
              </Text>
              <SegmentedControl
                data-testid="survey-kind"
                disabled={kindLocked}
                value={v.kind}
                onChange={(k) => {
                  const kind = k as SurveyKind;
                  form.setFieldValue("kind", kind);
                  if (!survey && (v.title.ja === defaults[v.kind].title.ja || !v.title.ja))
                    form.setFieldValue("title", defaults[kind].title);
                }}
                data={(["nps", "csat", "custom"] as const).map((k) => ({
                  value: k,
                  label: t(`surveys.kinds.${k}`),
                }))}
              />
              <Text size="xs" c="dimmed" mt={4}>
                {kindLocked ? t("surveys.editor.kindLocked") : t(`surveys.editor.kindHelp.${v.kind}`)}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t("surveys.editor.titleJa")}
                data-testid="survey-title-ja"
                {...form.getInputProps("title.ja")}
              />
              <TextInput
                label={t("surveys.editor.titleEn")}
                data-testid="survey-title-en"
                {...form.getInputProps("title.en")}
              />
              <Textarea
                label={t("surveys.editor.introJa")}
                autosize
                minRows={2}
                {...form.getInputProps("intro.ja")}
              />
              <Textarea
                label={t("surveys.editor.introEn")}
                autosize
                minRows={2}
                {...form.getInputProps("intro.en")}
              />
            </SimpleGrid>
            <NumberInput
              label={t("surveys.editor.closeAfterDays")}
              description={t("surveys.editor.closeAfterDaysHelp")}
              min={1}
              max={365}
              maw={420}
              suffix={t("surveys.editor.daysSuffix")}
              {...form.getInputProps("closeAfterDays")}
            />
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h4">
                {t("surveys.editor.questions")}
              </Title>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                data-testid="survey-add-question"
                onClick={() =>
                  form.insertListItem("questions", {
                    type: "scale",
                    text: emptyText,
                    options: [],
                    required: false,
                  })
                }
              >
                {t("surveys.editor.addQuestion")}
              </Button>
            </Group>
            {v.questions.length === 0 && (
              <Text size="sm" c="dimmed">
                {t("surveys.editor.noQuestions")}
              </Text>
            )}
            {v.questions.map((q, i) => (
              <Card
                key={q.id ?? `new-${i}`}
                withBorder
                radius="sm"
                padding="sm"
                data-testid="survey-question"
              >
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Select
                      aria-label={t("surveys.editor.questionType")}
                      data={(["scale", "choice", "text"] as const).map((k) => ({
                        value: k,
                        label: t(`surveys.questionTypes.${k}`),
                      }))}
                      w={220}
                      allowDeselect={false}
                      {...form.getInputProps(`questions.${i}.type`)}
                    />
                    <Group gap="xs" wrap="nowrap">
                      <Switch
                        label={t("surveys.editor.required")}
                        {...form.getInputProps(`questions.${i}.required`, { type: "checkbox" })}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("common.delete")}
                        onClick={() => form.removeListItem("questions", i)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      placeholder={t("surveys.editor.questionJa")}
                      aria-label={t("surveys.editor.questionJa")}
                      data-testid="survey-question-ja"
                      {...form.getInputProps(`questions.${i}.text.ja`)}
                    />
                    <TextInput
                      placeholder={t("surveys.editor.questionEn")}
                      aria-label={t("surveys.editor.questionEn")}
                      {...form.getInputProps(`questions.${i}.text.en`)}
                    />
                  </SimpleGrid>
                  {q.type === "choice" && (
                    <Stack gap={4} pl="md">
                      {(q.options ?? []).map((_o, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: options have no id until saved
                        <Group key={j} gap="xs" wrap="nowrap">
                          <TextInput
                            size="xs"
                            style={{ flex: 1 }}
                            placeholder={t("surveys.editor.optionJa")}
                            {...form.getInputProps(`questions.${i}.options.${j}.label.ja`)}
                          />
                          <TextInput
                            size="xs"
                            style={{ flex: 1 }}
                            placeholder={t("surveys.editor.optionEn")}
                            {...form.getInputProps(`questions.${i}.options.${j}.label.en`)}
                          />
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            size="sm"
                            aria-label={t("common.delete")}
                            onClick={() => form.removeListItem(`questions.${i}.options`, j)}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Group>
                      ))}
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        w="fit-content"
                        leftSection={<IconPlus size={12} />}
                        onClick={() =>
                          form.insertListItem(`questions.${i}.options`, { value: "", label: emptyText })
                        }
                      >
                        {t("surveys.editor.addOption")}
                      </Button>
                    </Stack>
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
        </Card>

        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <div>
                <Title order={2} size="h4">
                  {t("surveys.editor.triggers")}
                </Title>
                <Text size="xs" c="dimmed">
                  {t("surveys.editor.triggersHelp")}
                </Text>
              </div>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                data-testid="survey-add-trigger"
                onClick={() =>
                  form.insertListItem("triggers", {
                    kind: "days_after_start",
                    days: 30,
                    segments: [],
                    touchModels: [],
                    roles: [],
                  })
                }
              >
                {t("surveys.editor.addTrigger")}
              </Button>
            </Group>
            {v.triggers.map((tr, i) => (
              <Card
                key={tr.id ?? `new-${i}`}
                withBorder
                radius="sm"
                padding="sm"
                data-testid="survey-trigger-row"
              >
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <Select
                    label={t("surveys.editor.when")}
                    data={[
                      { value: "days_after_start", label: t("surveys.triggers.kinds.days_after_start") },
                      { value: "at_completion", label: t("surveys.triggers.kinds.at_completion") },
                    ]}
                    allowDeselect={false}
                    w={220}
                    {...form.getInputProps(`triggers.${i}.kind`)}
                  />
                  {tr.kind === "days_after_start" && (
                    <NumberInput
                      label={t("surveys.editor.days")}
                      min={0}
                      max={730}
                      w={120}
                      suffix={t("surveys.editor.daysSuffix")}
                      {...form.getInputProps(`triggers.${i}.days`)}
                    />
                  )}
                  <MultiSelect
                    label={t("surveys.editor.segments")}
                    placeholder={t("surveys.editor.any")}
                    data={segmentOptions}
                    w={200}
                    {...form.getInputProps(`triggers.${i}.segments`)}
                  />
                  <MultiSelect
                    label={t("surveys.editor.touchModels")}
                    placeholder={t("surveys.editor.any")}
                    data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
                    w={200}
                    {...form.getInputProps(`triggers.${i}.touchModels`)}
                  />
                  <MultiSelect
                    label={t("surveys.editor.roles")}
                    placeholder={t("surveys.editor.allContacts")}
                    data={contactRoles.map((r) => ({ value: r, label: t(`contactRoles.${r}`) }))}
                    w={220}
                    {...form.getInputProps(`triggers.${i}.roles`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={6}
                    aria-label={t("common.delete")}
                    onClick={() => form.removeListItem("triggers", i)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Card>
            ))}
          </Stack>
        </Card>

        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() =>
              survey
                ? void navigate({ to: "/surveys/$surveyId", params: { surveyId: survey.id } })
                : void navigate({ to: "/surveys" })
            }
          >
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="survey-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
