// The public registration page (/seminar/$token): opened from the invitation e-mail, no sign-in,

// in the contact's language, dates in the workspace time zone, phone first.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import {
  IconCalendarEvent,
  IconCircleCheck,
  IconClockPause,
  IconLinkOff,
  IconVideo,
} from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../platform/api";
import { useLocalizedText, useOpenInLanguage } from "../platform/localized";
import { notifyError } from "../platform/notify";
import { LanguageSwitch } from "../shell/language-switch";
import { declineInvitation, fetchRegistration, type RegistrationView, registerFor } from "./registration-api";
import { kindColors, sessionWhen } from "./seminar-labels";

const route = getRouteApi("/seminar/$token");

export function RegistrationPage() {
  const { token } = route.useParams();
  const { t } = useTranslation();
  const text = useLocalizedText();
  const queryClient = useQueryClient();
  const key = ["seminar-registration", token];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchRegistration(token, signal),
    retry: false,
    meta: { silent: true },
  });
  const view = query.data;

  useOpenInLanguage(view?.locale);
  useEffect(() => {
    document.title = view ? text(view.seminar.title) : t("seminars.register.pageTitle");
  }, [view, t, text]);

  const act = useMutation({
    mutationFn: (a: { kind: "register"; sessionId?: string } | { kind: "decline" }) =>
      a.kind === "register" ? registerFor(token, a.sessionId) : declineInvitation(token),
    meta: { silent: true },
    onSuccess: (next: RegistrationView) => queryClient.setQueryData(key, next),
    onError: (error) => {
      void query.refetch();
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
  else if (query.isError || !view) {
    const limited = isApiError(query.error, 429);
    content = (
      <Paper
        withBorder
        radius="md"
        p="xl"
        data-testid={limited ? "registration-rate-limited" : "registration-invalid"}
      >
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color={limited ? "orange" : "gray"}>
            {limited ? <IconClockPause size={30} /> : <IconLinkOff size={30} />}
          </ThemeIcon>
          <Title order={1} size="h3">
            {limited ? t("seminars.register.rateLimitedTitle") : t("seminars.register.invalidTitle")}
          </Title>
          <Text c="dimmed">
            {limited ? t("seminars.register.rateLimitedBody") : t("seminars.register.invalidBody")}
          </Text>
        </Stack>
      </Paper>
    );
  } else content = <Registration view={view} pending={act.isPending} onAct={(a) => act.mutate(a)} />;

  return (
    <Box mih="100vh" bg="gray.0" data-testid="seminar-registration-page">
      <Box bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={640} px="md" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm" fw={600} c="dimmed">
              {t("seminars.register.header")}
            </Text>
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

function Registration({
  view,
  pending,
  onAct,
}: {
  view: RegistrationView;
  pending: boolean;
  onAct: (a: { kind: "register"; sessionId?: string } | { kind: "decline" }) => void;
}) {
  const { t, i18n } = useTranslation();
  const text = useLocalizedText();
  const lang = i18n.resolvedLanguage ?? "ja";
  const when = (startsAt: string, minutes: number) => sessionWhen(startsAt, minutes, lang, view.timeZone);
  const { session, invitation } = view;
  const open = !session.cancelled && !session.past;
  const others = view.sessions.filter((s) => s.id !== session.id);
  const status = invitation.status;
  const message = session.past
    ? invitation.attended
      ? t("seminars.register.attended")
      : t("seminars.register.past")
    : session.cancelled
      ? t("seminars.register.cancelled")
      : t(`seminars.register.${status}`);

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: "md", sm: "xl" }}>
        <Stack gap="md">
          <div>
            <Badge variant="light" tt="none" color={kindColors[view.seminar.kind]} mb={6}>
              {t(`seminars.kinds.${view.seminar.kind}`)}
            </Badge>
            <Title order={1} size="h3" data-testid="registration-title">
              {text(view.seminar.title)}
            </Title>
            {view.contact.name && (
              <Text size="sm" mt={4}>
                {t("seminars.register.hello", { name: view.contact.name })}
              </Text>
            )}
            {text(view.seminar.description) && (
              <Text size="sm" c="dimmed" mt={6} style={{ whiteSpace: "pre-wrap" }}>
                {text(view.seminar.description)}
              </Text>
            )}
          </div>
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconCalendarEvent size={20} style={{ flexShrink: 0, marginTop: 2 }} />
              <div>
                <Text size="xs" c="dimmed">
                  {t("seminars.register.when")}
                </Text>
                <Text
                  fw={600}
                  data-testid="registration-when"
                  td={session.cancelled ? "line-through" : undefined}
                >
                  {when(session.startsAt, session.durationMinutes)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("seminars.register.timeZoneNote", { tz: view.timeZone })}
                </Text>
              </div>
            </Group>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IconVideo size={20} style={{ flexShrink: 0, marginTop: 2 }} />
              <div>
                <Text size="xs" c="dimmed">
                  {t("seminars.register.where")}
                </Text>
                {session.onlineUrl ? (
                  <Anchor
                    href={session.onlineUrl}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="registration-join"
                  >
                    {t("seminars.register.join")}
                  </Anchor>
                ) : (
                  <Text>{t("seminars.register.online")}</Text>
                )}
              </div>
            </Group>
          </Stack>
          <Alert
            variant="light"
            color={status === "registered" && open ? "teal" : session.cancelled ? "orange" : "blue"}
            icon={status === "registered" && open ? <IconCircleCheck size={18} /> : undefined}
            data-testid="registration-status"
          >
            {message}
          </Alert>
          {open && (
            <Stack gap="xs">
              {status !== "registered" && (
                <Button
                  size="md"
                  fullWidth
                  loading={pending}
                  onClick={() => onAct({ kind: "register" })}
                  data-testid="registration-register"
                >
                  {t("seminars.register.register")}
                </Button>
              )}
              {status !== "declined" && (
                <Button
                  size="md"
                  fullWidth
                  variant="default"
                  disabled={pending}
                  onClick={() => onAct({ kind: "decline" })}
                  data-testid="registration-decline"
                >
                  {t("seminars.register.decline")}
                </Button>
              )}
            </Stack>
          )}
        </Stack>
      </Paper>
      {others.length > 0 && (
        <Paper withBorder radius="md" p={{ base: "md", sm: "xl" }} data-testid="registration-other-dates">
          <Stack gap="sm">
            <Title order={2} size="h5">
              {t("seminars.register.otherDates")}
            </Title>
            {others.map((s) => (
              <Group key={s.id} justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm">{when(s.startsAt, s.durationMinutes)}</Text>
                {s.full ? (
                  <Badge color="gray" variant="light" tt="none">
                    {t("seminars.register.full")}
                  </Badge>
                ) : (
                  <Button
                    size="xs"
                    variant="light"
                    disabled={pending}
                    onClick={() => onAct({ kind: "register", sessionId: s.id })}
                    data-testid="registration-choose"
                  >
                    {t("seminars.register.choose")}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
