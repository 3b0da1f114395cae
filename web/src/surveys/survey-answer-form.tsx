// The answer form: NPS 0–10 or CSAT 1–5 with the end labels, the custom questions and a comment.

// Used by the public answer page and the portal card. Works on a phone.
import { Alert, Button, Group, Radio, Stack, Text, Textarea, Title, UnstyledButton } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Formatters } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import type { AnswerInput, AnswerView } from "./survey-answer-api";
import { scoreColor } from "./survey-labels";

function ScaleButtons({
  values,
  value,
  onChange,
  kind,
  low,
  high,
  testId,
  label,
}: {
  values: number[];
  value: number | null;
  onChange: (v: number) => void;
  kind: string;
  low: string;
  high: string;
  testId: string;
  label: string;
}) {
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap" role="radiogroup" aria-label={label} data-testid={testId}>
        {values.map((v) => {
          const selected = value === v;
          const color = scoreColor(kind, v);
          return (
            <UnstyledButton
              key={v}
              role="radio"
              aria-checked={selected}
              aria-label={String(v)}
              onClick={() => onChange(v)}
              data-testid={`${testId}-${v}`}
              style={{
                flex: 1,
                minWidth: 0,
                height: 44,
                borderRadius: 8,
                textAlign: "center",
                fontWeight: 600,
                border: `1px solid var(--mantine-color-${selected ? color : "gray"}-${selected ? 6 : 4})`,
                background: selected ? `var(--mantine-color-${color}-6)` : "white",
                color: selected ? "white" : "var(--mantine-color-text)",
              }}
            >
              {v}
            </UnstyledButton>
          );
        })}
      </Group>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {low}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {high}
        </Text>
      </Group>
    </Stack>
  );
}

export function SurveyAnswerForm({
  view,
  fmt,
  pending,
  onSubmit,
  compact = false,
}: {
  view: AnswerView;
  fmt: Formatters;
  pending: boolean;
  onSubmit: (input: AnswerInput) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const survey = view.survey!;
  const [editing, setEditing] = useState(!view.response);
  const [score, setScore] = useState<number | null>(view.response?.score ?? null);
  const [comment, setComment] = useState(view.response?.comment ?? "");
  const [answers, setAnswers] = useState<Record<string, string | number | null>>(
    view.response?.answers ?? {},
  );
  const [missing, setMissing] = useState<string[]>([]);
  const until = fmt.date(view.closesAt);

  if (view.response && !editing)
    return (
      <Stack gap="sm" data-testid="survey-thanks">
        <Alert color="teal" icon={<IconCircleCheck />} title={t("surveys.answer.thanksTitle")}>
          {t("surveys.answer.thanksBody", { date: until })}
        </Alert>
        {view.response.score !== null && (
          <Text size="sm" data-testid="survey-your-answer">
            {t("surveys.answer.yourScore", { score: view.response.score })}
          </Text>
        )}
        <Button variant="light" onClick={() => setEditing(true)} data-testid="survey-change">
          {t("surveys.answer.change")}
        </Button>
      </Stack>
    );

  const submit = () => {
    const need: string[] = [];
    if ((survey.kind === "nps" || survey.kind === "csat") && score === null) need.push("score");
    for (const q of survey.questions) {
      const v = answers[q.id];
      if (q.required && (v === undefined || v === null || v === "")) need.push(q.id);
    }
    setMissing(need);
    if (need.length) return;
    onSubmit({
      score: survey.kind === "custom" ? null : score,
      comment: comment.trim() || null,
      answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== "" && v !== null)),
    });
  };

  return (
    <Stack gap="lg" data-testid="survey-form">
      {survey.kind === "nps" && (
        <Stack gap={6}>
          <Title order={2} size={compact ? "h5" : "h4"}>
            {t("surveys.answer.npsQuestion")}
          </Title>
          <ScaleButtons
            kind="nps"
            label={t("surveys.answer.npsQuestion")}
            values={[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
            value={score}
            onChange={setScore}
            low={t("surveys.answer.npsLow")}
            high={t("surveys.answer.npsHigh")}
            testId="survey-score"
          />
          {missing.includes("score") && (
            <Text size="sm" c="red">
              {t("surveys.answer.chooseScore")}
            </Text>
          )}
        </Stack>
      )}
      {survey.kind === "csat" && (
        <Stack gap={6}>
          <Title order={2} size={compact ? "h5" : "h4"}>
            {t("surveys.answer.csatQuestion")}
          </Title>
          <ScaleButtons
            kind="csat"
            label={t("surveys.answer.csatQuestion")}
            values={[1, 2, 3, 4, 5]}
            value={score}
            onChange={setScore}
            low={t("surveys.answer.csatLow")}
            high={t("surveys.answer.csatHigh")}
            testId="survey-score"
          />
          {missing.includes("score") && (
            <Text size="sm" c="red">
              {t("surveys.answer.chooseScore")}
            </Text>
          )}
        </Stack>
      )}
      {survey.questions.map((q) => (
        <Stack key={q.id} gap={6} data-testid="survey-answer-question">
          <Text fw={600}>
            {text(q.text)}
            {q.required && (
              <Text span c="red">
                {" "}
                *
              </Text>
            )}
          </Text>
          {q.type === "scale" && (
            <ScaleButtons
              kind="csat"
              label={text(q.text)}
              values={[1, 2, 3, 4, 5]}
              value={typeof answers[q.id] === "number" ? (answers[q.id] as number) : null}
              onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
              low={t("surveys.answer.scaleLow")}
              high={t("surveys.answer.scaleHigh")}
              testId={`survey-q-${q.id}`}
            />
          )}
          {q.type === "choice" && (
            <Radio.Group
              value={(answers[q.id] as string) ?? ""}
              onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
            >
              <Stack gap={8}>
                {(q.options ?? []).map((o) => (
                  <Radio key={o.value} value={o.value} label={text(o.label)} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {q.type === "text" && (
            <Textarea
              autosize
              minRows={2}
              value={(answers[q.id] as string) ?? ""}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setAnswers((a) => ({ ...a, [q.id]: v }));
              }}
            />
          )}
          {missing.includes(q.id) && (
            <Text size="sm" c="red">
              {t("surveys.answer.required")}
            </Text>
          )}
        </Stack>
      ))}
      <Textarea
        label={t("surveys.answer.comment")}
        description={t("surveys.answer.commentHint")}
        autosize
        minRows={3}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        data-testid="survey-comment"
      />
      <Button size="md" fullWidth={!compact} loading={pending} onClick={submit} data-testid="survey-submit">
        {view.response ? t("surveys.answer.update") : t("surveys.answer.submit")}
      </Button>
      <Text size="xs" c="dimmed" ta="center">
        {t("surveys.answer.until", { date: until })}
      </Text>
    </Stack>
  );
}
