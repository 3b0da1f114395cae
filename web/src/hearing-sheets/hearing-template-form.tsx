import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { notifyError, notifySuccess } from "../platform/notify";
import {
  type HearingTemplate,
  type QuestionInput,
  type QuestionType,
  questionTypes,
  useSaveHearingTemplate,
} from "./hearing-api";

type Values = { name: string; questions: QuestionInput[] };

const blankQuestion = (): QuestionInput => ({ type: "text", label: { ja: "", en: "" }, required: false });

/** The question editor: type, ja/en labels, the options of a choice question, required or not. */
export function HearingTemplateForm({
  template,
  onDone,
}: {
  template: HearingTemplate | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveHearingTemplate();
  const form = useForm<Values>({
    initialValues: {
      name: template?.name ?? "",
      questions: template ? structuredClone(template.questions) : [blankQuestion()],
    },
    validate: {
      name: (v) => (v.trim() ? null : t("validation.required")),
      questions: {
        label: {
          ja: (v, values, path) => {
            const i = Number(path.split(".")[1]);
            return v.trim() || values.questions[i]?.label.en.trim() ? null : t("templates.labelRequired");
          },
        },
      },
    },
  });
  const qs = form.values.questions;

  const submit = (v: Values) => {
    const input = {
      name: v.name.trim(),
      questions: v.questions.map((q) => ({
        ...(q.id ? { id: q.id } : {}),
        type: q.type,
        label: { ja: q.label.ja.trim() || q.label.en.trim(), en: q.label.en.trim() || q.label.ja.trim() },
        required: q.required,
        ...(q.type === "choice"
          ? {
              options: (q.options ?? []).map((o) => ({
                value: o.value.trim(),
                label: {
                  ja: o.label.ja.trim() || o.value.trim(),
                  en: o.label.en.trim() || o.label.ja.trim() || o.value.trim(),
                },
              })),
            }
          : {}),
      })),
    };
    save.mutate(
      { id: template?.id ?? null, input },
      {
        onSuccess: () => {
          notifySuccess(t("templates.saved"));
          onDone();
        },
        onError: (error) => {
          if (!applyFieldErrors(error, form, (p) => p)) notifyError(error);
        },
      },
    );
  };
  const move = (i: number, d: -1 | 1) => form.reorderListItem("questions", { from: i, to: i + d });

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="template-form">
      <Stack gap="md">
        <TextInput
          label={t("templates.name")}
          required
          data-testid="template-name"
          {...form.getInputProps("name")}
        />
        {qs.map((q, i) => (
          <Card withBorder radius="md" padding="sm" key={q.id ?? `new-${i}`} data-testid="template-question">
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t("templates.questionN", { n: i + 1 })}
              </Text>
              <Group gap={2}>
                <Tooltip label={t("rules.moveUp")}>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t("rules.moveUp")}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t("rules.moveDown")}>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === qs.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t("rules.moveDown")}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t("templates.removeQuestion")}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    disabled={qs.length === 1}
                    onClick={() => form.removeListItem("questions", i)}
                    aria-label={t("templates.removeQuestion")}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput
                  label={t("templates.labelJa")}
                  data-testid="question-label-ja"
                  {...form.getInputProps(`questions.${i}.label.ja`)}
                />
                <TextInput
                  label={t("templates.labelEn")}
                  data-testid="question-label-en"
                  {...form.getInputProps(`questions.${i}.label.en`)}
                />
              </SimpleGrid>
              <Group gap="md" align="flex-end">
                <Select
                  label={t("templates.type")}
                  w={200}
                  allowDeselect={false}
                  data={questionTypes.map((ty) => ({ value: ty, label: t(`templates.types.${ty}`) }))}
                  value={q.type}
                  onChange={(v) => {
                    const type = (v ?? "text") as QuestionType;
                    form.setFieldValue(`questions.${i}.type`, type);
                    if (type === "choice" && !q.options?.length)
                      form.setFieldValue(`questions.${i}.options`, [
                        { value: "", label: { ja: "", en: "" } },
                      ]);
                  }}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="question-type"
                />
                <Switch
                  label={t("templates.required")}
                  mb={8}
                  {...form.getInputProps(`questions.${i}.required`, { type: "checkbox" })}
                />
              </Group>
              {q.type === "choice" && (
                <Stack gap={6} pl="md" style={{ borderLeft: "2px solid var(--mantine-color-gray-3)" }}>
                  <Text size="xs" c="dimmed" fw={600}>
                    {t("templates.options")}
                  </Text>
                  {(q.options ?? []).map((_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place
                    <Group key={j} gap="xs" wrap="nowrap" align="flex-start">
                      <TextInput
                        size="xs"
                        placeholder={t("templates.optionValue")}
                        aria-label={t("templates.optionValue")}
                        ff="monospace"
                        w={120}
                        {...form.getInputProps(`questions.${i}.options.${j}.value`)}
                      />
                      <TextInput
                        size="xs"
                        placeholder={t("templates.labelJa")}
                        aria-label={t("templates.labelJa")}
                        style={{ flex: 1 }}
                        {...form.getInputProps(`questions.${i}.options.${j}.label.ja`)}
                      />
                      <TextInput
                        size="xs"
                        placeholder={t("templates.labelEn")}
                        aria-label={t("templates.labelEn")}
                        style={{ flex: 1 }}
                        {...form.getInputProps(`questions.${i}.options.${j}.label.en`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size={30}
                        onClick={() => form.removeListItem(`questions.${i}.options`, j)}
                        aria-label={t("templates.removeOption")}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                  {form.errors[`questions.${i}.options`] && (
                    <Text size="xs" c="red">
                      {form.errors[`questions.${i}.options`]}
                    </Text>
                  )}
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    w="fit-content"
                    leftSection={<IconPlus size={12} />}
                    onClick={() =>
                      form.insertListItem(`questions.${i}.options`, { value: "", label: { ja: "", en: "" } })
                    }
                  >
                    {t("templates.addOption")}
                  </Button>
                </Stack>
              )}
            </Stack>
          </Card>
        ))}
        <Button
          variant="light"
          w="fit-content"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem("questions", blankQuestion())}
          data-testid="question-add"
        >
          {t("templates.addQuestion")}
        </Button>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="template-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
