// The customer portal: opened with a secret link, without the staff app's navigation. Mobile first.
import { Anchor, Box, Center, Container, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../platform/api";
import { makeFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import { PortalSeminarsCard } from "../seminars/portal-seminars-card";
import { LanguageSwitch } from "../shell/language-switch";
import { PortalSurveysCard } from "../surveys/portal-surveys-card";
import {
  agree,
  confirmCompletion,
  fetchPortal,
  forget,
  identify,
  type PortalView,
  portalQueryKey,
  setTaskDone,
} from "./portal-api";
import { PortalIdentify } from "./portal-identify";
import { PortalInvalid } from "./portal-invalid";
import {
  ChecklistSection,
  CompletionSection,
  ContactSection,
  CriteriaSection,
  MeetingsSection,
  PlanSection,
  ProgressSection,
  ResourcesSection,
} from "./portal-sections";

const route = getRouteApi("/portal/$token");

/** Today in the workspace time zone, as YYYY-MM-DD. */
function todayIn(timeZone: string) {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function PortalPage() {
  const { token } = route.useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = portalQueryKey(token);

  const portal = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchPortal(token, signal),
    retry: false,
    meta: { silent: true },
  });
  const view = portal.data;

  useEffect(() => {
    document.title = view ? `${view.account.name} · ${t("portal.title")}` : t("portal.title");
  }, [view, t]);

  const fmt = useMemo(
    () => makeFormatters(i18n.resolvedLanguage ?? "ja", view?.timeZone ?? "UTC"),
    [i18n.resolvedLanguage, view?.timeZone],
  );

  const onView = (next: PortalView) => queryClient.setQueryData(key, next);
  const onFailure = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    notifyError(new Error(t("portal.actionFailed")));
  };
  const mutationOptions = { meta: { silent: true }, onError: onFailure };

  const identifyMutation = useMutation({
    mutationFn: (input: { email: string; name?: string }) => identify(token, input),
    meta: { silent: true },
    onSuccess: onView,
  });
  const forgetMutation = useMutation({
    mutationFn: () => forget(token),
    ...mutationOptions,
    onSuccess: onView,
  });
  const taskMutation = useMutation({
    mutationFn: ({ taskId, done }: { taskId: string; done: boolean }) => setTaskDone(token, taskId, done),
    ...mutationOptions,
    // The tick shows at once; the answer brings the progress (or the error puts it back).
    onMutate: ({ taskId, done }) =>
      queryClient.setQueryData<PortalView>(key, (current) =>
        current?.onboarding
          ? {
              ...current,
              onboarding: {
                ...current.onboarding,
                tasks: current.onboarding.tasks.map((task) =>
                  task.id === taskId ? { ...task, done } : task,
                ),
              },
            }
          : current,
      ),
    onSuccess: onView,
  });
  const agreeMutation = useMutation({
    mutationFn: () => agree(token),
    ...mutationOptions,
    onSuccess: (next) => {
      onView(next);
      notifySuccess(t("portal.criteria.agreedToast"));
    },
  });
  const confirmMutation = useMutation({
    mutationFn: () => confirmCompletion(token),
    ...mutationOptions,
    onSuccess: (next) => {
      onView(next);
      notifySuccess(t("portal.completion.confirmedToast"));
    },
  });

  let content: React.ReactNode;
  if (portal.isPending) {
    content = (
      <Center py="xl">
        <Stack align="center" gap="xs">
          <Loader />
          <Text c="dimmed" size="sm">
            {t("portal.loading")}
          </Text>
        </Stack>
      </Center>
    );
  } else if (portal.isError || !view) {
    const error = portal.error;
    content = (
      <PortalInvalid
        reason={isApiError(error, 404) ? "invalid" : isApiError(error, 429) ? "rate_limited" : "error"}
        onRetry={() => void portal.refetch()}
      />
    );
  } else if (!view.visitor) {
    content = (
      <PortalIdentify
        view={view}
        pending={identifyMutation.isPending}
        failed={identifyMutation.isError}
        onSubmit={(input) => identifyMutation.mutate(input)}
      />
    );
  } else {
    const plan = view.onboarding;
    const pendingTaskId = taskMutation.isPending ? taskMutation.variables.taskId : null;
    content = (
      <Stack gap="md">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" truncate data-testid="portal-visitor">
            {t("portal.visitor.as", { name: view.visitor.name ?? view.visitor.email })}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => forgetMutation.mutate()}
            data-testid="portal-not-you"
          >
            {t("portal.visitor.notYou")}
          </Anchor>
        </Group>
        {plan ? (
          <>
            <ProgressSection plan={plan} fmt={fmt} />
            <ChecklistSection
              tasks={plan.tasks}
              today={todayIn(view.timeZone)}
              fmt={fmt}
              pendingTaskId={pendingTaskId}
              onToggle={(taskId, done) => taskMutation.mutate({ taskId, done })}
            />
            <CriteriaSection
              plan={plan}
              fmt={fmt}
              pending={agreeMutation.isPending}
              onAgree={() => agreeMutation.mutate()}
            />
            <CompletionSection
              plan={plan}
              fmt={fmt}
              pending={confirmMutation.isPending}
              onConfirm={() => confirmMutation.mutate()}
            />
            <MeetingsSection meetings={plan.meetings} fmt={fmt} />
            <PlanSection tasks={plan.tasks} fmt={fmt} />
            <ResourcesSection resources={plan.resources} />
          </>
        ) : (
          <Box data-testid="portal-no-plan" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
            <Title order={2} size="h4">
              {t("portal.none.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("portal.none.body")}
            </Text>
          </Box>
        )}
        <PortalSurveysCard token={token} fmt={fmt} />
        <PortalSeminarsCard token={token} />
        <ContactSection csm={view.csm} />
      </Stack>
    );
  }

  return (
    <Box mih="100vh" bg="gray.0" data-testid="portal-page">
      <Box bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={640} px="md" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {t("portal.title")}
              </Text>
              <Title order={1} size="h4" lineClamp={1} data-testid="portal-account-name">
                {view?.account.name ?? "Embark"}
              </Title>
            </Stack>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={640} px="md" py="md">
        {content}
        <Stack gap={2} mt="xl" align="center">
          {view && (
            <Text size="xs" c="dimmed" data-testid="portal-link-expiry">
              {t("portal.linkValidUntil", { date: fmt.date(view.linkExpiresAt) })}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t("portal.poweredBy")}
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
