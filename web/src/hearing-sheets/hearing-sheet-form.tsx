import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../platform/api";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import { pickLabel } from "../segmentation/segment-labels";
import { type AnswerValue, type HearingSheet, useSaveHearingAnswers } from "./hearing-api";
import { type FieldValue, HearingQuestionInput } from "./hearing-question-input";

const toField = (v: AnswerValue | undefined): FieldValue => (v === null || v === undefined ? "" : v);
const toAnswer = (v: FieldValue): AnswerValue => (typeof v === "string" && v.trim() === "" ? null : v);

export function HearingSheetForm({
  accountId,
  sheet,
  editable,
}: {
  accountId: string;
  sheet: HearingSheet;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const lang = i18n.resolvedLanguage ?? "ja";
  const save = useSaveHearingAnswers(accountId, sheet.template.id);
  const initial = Object.fromEntries(
    sheet.template.questions.map((q) => [q.id, toField(sheet.answers[q.id]?.value)]),
  );
  const [values, setValues] = useState<Record<string, FieldValue>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const readOnly = !editable || sheet.template.archived;

  const changed = Object.fromEntries(
    sheet.template.questions
      .filter((q) => toAnswer(values[q.id] ?? "") !== toAnswer(initial[q.id] ?? ""))
      .map((q) => [q.id, toAnswer(values[q.id] ?? "")]),
  );
  const dirty = Object.keys(changed).length > 0;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    save.mutateAsync(changed).then(
      () => notifySuccess(t("hearing.saved")),
      (error: unknown) => {
        const fieldErrors: Record<string, string> = {};
        if (error instanceof ApiError)
          for (const d of error.details) {
            const m = /^(?:body\.)?answers\.(.+)$/.exec(d.path);
            if (m?.[1]) fieldErrors[m[1]] = d.message;
          }
        if (Object.keys(fieldErrors).length) setErrors(fieldErrors);
        else notifyError(error);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="hearing-sheet-form" data-template={sheet.template.name}>
      <Stack gap="md">
        {sheet.template.questions.map((q) => {
          const answer = sheet.answers[q.id];
          const by = answer
            ? t("hearing.answeredBy", {
                name: answer.byName ?? t("hearing.someone"),
                date: f.dateTime(answer.at),
              })
            : null;
          return (
            <HearingQuestionInput
              key={q.id}
              question={q}
              value={values[q.id] ?? ""}
              onChange={(v) => setValues((prev) => ({ ...prev, [q.id]: v }))}
              error={errors[q.id]}
              readOnly={readOnly}
              description={
                by || answer?.outdated ? (
                  <Group gap={6} component="span" data-testid="hearing-answered-by">
                    {by && <span>{by}</span>}
                    {answer?.outdated && (
                      <Badge size="xs" color="orange" variant="light" tt="none">
                        {t("hearing.outdated")}
                      </Badge>
                    )}
                  </Group>
                ) : undefined
              }
            />
          );
        })}
        {sheet.removedAnswers.length > 0 && (
          <Stack gap={4} data-testid="hearing-removed-answers">
            <Text size="sm" fw={600} c="dimmed">
              {t("hearing.removedAnswers")}
            </Text>
            {sheet.removedAnswers.map((a) => (
              <Text size="sm" c="dimmed" key={a.questionId}>
                {pickLabel(a.label, lang) ?? a.questionId}: {String(a.value ?? "—")}（
                {t("hearing.answeredBy", { name: a.byName ?? t("hearing.someone"), date: f.dateTime(a.at) })}
                ）
              </Text>
            ))}
          </Stack>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!dirty}
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="hearing-save"
            >
              {t("hearing.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
