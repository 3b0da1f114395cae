// The steps of a sequence: the day after the onboarding start, the kind, and subject and body in both languages.
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconEye, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { DaysInput } from "../platform/days-input";
import { type Sequence, type SequenceInput, type StepInput, stepCategories } from "./information-emails-api";

const categoryColors = { tips: "blue", success_story: "grape", other: "gray" } as const;

export function StepsEditor({
  form,
  editable,
  saved,
  previewIndex,
  onPreview,
}: {
  form: UseFormReturnType<SequenceInput>;
  editable: boolean;
  saved: Sequence | null;
  previewIndex: number;
  onPreview: (index: number) => void;
}) {
  const { t } = useTranslation();
  const steps = form.values.steps;
  const addStep = () => {
    const last = steps.at(-1);
    const step: StepInput = {
      dayOffset: last ? last.dayOffset + 7 : 0,
      category: "tips",
      subject: { ja: "", en: "" },
      body: { ja: "{{contact_name}} 様\n\n", en: "Hello {{contact_name}},\n\n" },
    };
    form.insertListItem("steps", step);
    onPreview(steps.length);
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="information-steps">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4">
          {t("informationEmails.editor.steps")}
        </Title>
        {editable && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={addStep}
            data-testid="information-add-step"
          >
            {t("informationEmails.editor.addStep")}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="md">
        {t("informationEmails.editor.stepsHint")}
      </Text>
      {steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("informationEmails.editor.noSteps")}
        </Text>
      ) : (
        <Stack gap="md">
          {steps.map((step, i) => {
            const sent = step.id ? saved?.steps.find((s) => s.id === step.id)?.sent : undefined;
            const selected = i === previewIndex;
            return (
              <Card
                key={step.id ?? `new-${i}`}
                withBorder
                radius="md"
                padding="md"
                data-testid="information-step"
                style={{
                  borderLeft: `4px solid var(--mantine-color-${categoryColors[step.category]}-${selected ? 6 : 3})`,
                }}
              >
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {t("informationEmails.editor.step", { n: i + 1 })}
                    </Text>
                    <Badge variant="light" color="gray" tt="none">
                      {t("informationEmails.editor.dayLabel", { count: step.dayOffset })}
                    </Badge>
                    <Badge variant="light" color={categoryColors[step.category]} tt="none">
                      {t(`informationEmails.categories.${step.category}`)}
                    </Badge>
                    {sent !== undefined && sent > 0 && (
                      <Text size="xs" c="dimmed">
                        {t("informationEmails.editor.stepSent", { count: sent })}
                      </Text>
                    )}
                  </Group>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t("informationEmails.editor.previewStep")}>
                      <ActionIcon
                        variant={selected ? "light" : "subtle"}
                        aria-label={t("informationEmails.editor.previewStep")}
                        onClick={() => onPreview(i)}
                        data-testid="information-step-preview"
                      >
                        <IconEye size={16} />
                      </ActionIcon>
                    </Tooltip>
                    {editable && (
                      <Tooltip label={t("informationEmails.editor.removeStep")}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t("informationEmails.editor.removeStep")}
                          onClick={() => form.removeListItem("steps", i)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <DaysInput
                    label={t("informationEmails.editor.dayOffset")}
                    min={0}
                    max={365}
                    {...form.getInputProps(`steps.${i}.dayOffset`)}
                  />
                  <Select
                    label={t("informationEmails.editor.category")}
                    data={stepCategories.map((c) => ({
                      value: c,
                      label: t(`informationEmails.categories.${c}`),
                    }))}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    {...form.getInputProps(`steps.${i}.category`)}
                  />
                  <TextInput
                    label={t("informationEmails.editor.subjectJa")}
                    required
                    lang="ja"
                    onFocus={() => onPreview(i)}
                    {...form.getInputProps(`steps.${i}.subject.ja`)}
                  />
                  <TextInput
                    label={t("informationEmails.editor.subjectEn")}
                    required
                    lang="en"
                    onFocus={() => onPreview(i)}
                    {...form.getInputProps(`steps.${i}.subject.en`)}
                  />
                  <Textarea
                    label={t("informationEmails.editor.bodyJa")}
                    required
                    lang="ja"
                    autosize
                    minRows={5}
                    maxRows={14}
                    onFocus={() => onPreview(i)}
                    {...form.getInputProps(`steps.${i}.body.ja`)}
                  />
                  <Textarea
                    label={t("informationEmails.editor.bodyEn")}
                    required
                    lang="en"
                    autosize
                    minRows={5}
                    maxRows={14}
                    onFocus={() => onPreview(i)}
                    {...form.getInputProps(`steps.${i}.body.en`)}
                  />
                </SimpleGrid>
              </Card>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
