// The public answer page (/survey/$token): no sign-in, outside the staff app, phone first.

import { Box, Center, Container, Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconClockPause, IconLinkOff } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../platform/api";
import { makeFormatters } from "../platform/format";
import { useLocalizedText, useOpenInLanguage } from "../platform/localized";
import { notifyError } from "../platform/notify";
import { LanguageSwitch } from "../shell/language-switch";
import { type AnswerInput, type AnswerView, fetchAnswerView, submitAnswer } from "./survey-answer-api";
import { SurveyAnswerForm } from "./survey-answer-form";

const route = getRouteApi("/survey/$token");

export function SurveyAnswerPage() {
  const { token } = route.useParams();
  const { t, i18n } = useTranslation();
  const text = useLocalizedText();
  const queryClient = useQueryClient();
  const key = ["survey-answer", token];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchAnswerView(token, signal),
    retry: false,
    meta: { silent: true },
  });
  const view = query.data;

  useOpenInLanguage(view?.locale);

  useEffect(() => {
    document.title = view?.survey ? text(view.survey.title) : t("surveys.answer.pageTitle");
  }, [view, t, text]);

  const fmt = useMemo(
    () => makeFormatters(i18n.resolvedLanguage ?? "ja", view?.timeZone ?? "UTC"),
    [i18n.resolvedLanguage, view?.timeZone],
  );

  const answer = useMutation({
    mutationFn: (input: AnswerInput) => submitAnswer(token, input),
    meta: { silent: true },
    onSuccess: (next: AnswerView) => queryClient.setQueryData(key, next),
    onError: (error) => {
      if (isApiError(error, 404)) void query.refetch();
      notifyError(error);
    },
  });

  let content: React.ReactNode;
  if (query.isPending)
    content = (
      <Center py="xl">
        <Loader />
      </Center>
    );
  else if (query.isError || !view?.survey) {
    const limited = isApiError(query.error, 429);
    content = (
      <Paper withBorder radius="md" p="xl" data-testid={limited ? "survey-rate-limited" : "survey-invalid"}>
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color={limited ? "orange" : "gray"}>
            {limited ? <IconClockPause size={30} /> : <IconLinkOff size={30} />}
          </ThemeIcon>
          <Title order={1} size="h3">
            {limited ? t("surveys.answer.rateLimitedTitle") : t("surveys.answer.invalidTitle")}
          </Title>
          <Text c="dimmed">
            {limited ? t("surveys.answer.rateLimitedBody") : t("surveys.answer.invalidBody")}
          </Text>
        </Stack>
      </Paper>
    );
  } else
    content = (
      <Paper withBorder radius="md" p={{ base: "md", sm: "xl" }}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h3" data-testid="survey-page-title">
              {text(view.survey.title)}
            </Title>
            {text(view.survey.intro) && (
              <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: "pre-wrap" }}>
                {text(view.survey.intro)}
              </Text>
            )}
          </div>
          <SurveyAnswerForm
            key={view.response?.updatedAt ?? "new"}
            view={view}
            fmt={fmt}
            pending={answer.isPending}
            onSubmit={(input) => answer.mutate(input)}
          />
        </Stack>
      </Paper>
    );

  return (
    <Box mih="100vh" bg="gray.0" data-testid="survey-answer-page">
      <Box bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={640} px="md" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {t("surveys.answer.header")}
              </Text>
              <Title order={2} size="h5" lineClamp={1} data-testid="survey-account-name">
                {view?.accountName || "Embark"}
              </Title>
            </Stack>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={640} px="md" py="md">
        {content}
        <Text size="xs" c="dimmed" ta="center" mt="xl">
          {t("portal.poweredBy")}
        </Text>
      </Container>
    </Box>
  );
}
