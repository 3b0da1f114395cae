// The portal's survey card: the visitor's open surveys, answered right there (source: portal).

import { Paper, Stack, Text, Title } from "@mantine/core";
import { IconMoodSmile } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Formatters } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { notifyError } from "../platform/notify";
import { type AnswerInput, fetchPortalSurveys, submitPortalAnswer } from "./survey-answer-api";
import { SurveyAnswerForm } from "./survey-answer-form";

export function PortalSurveysCard({ token, fmt }: { token: string; fmt: Formatters }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const queryClient = useQueryClient();
  const key = ["portal-surveys", token];
  const surveys = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchPortalSurveys(token, signal),
    retry: false,
    meta: { silent: true },
  });
  const answer = useMutation({
    mutationFn: ({ sendId, input }: { sendId: string; input: AnswerInput }) =>
      submitPortalAnswer(token, sendId, input),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
    onError: notifyError,
  });
  const items = surveys.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="portal-surveys">
      <Stack gap="md">
        <Title order={2} size="h4">
          <IconMoodSmile size={20} style={{ verticalAlign: "text-bottom", marginRight: 6 }} />
          {t("surveys.portal.title")}
        </Title>
        {items.map((s) => (
          <Stack key={s.id} gap="xs" data-testid="portal-survey">
            <Text fw={600}>{s.survey ? text(s.survey.title) : ""}</Text>
            {s.survey && (
              <SurveyAnswerForm
                key={s.response?.updatedAt ?? "new"}
                view={s}
                fmt={fmt}
                compact
                pending={answer.isPending && answer.variables?.sendId === s.id}
                onSubmit={(input) => answer.mutate({ sendId: s.id, input })}
              />
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
