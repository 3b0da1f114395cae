// The portal's seminar card: upcoming sessions for the account; the identified visitor registers there.

import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPresentation } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useLocalizedText } from "../platform/localized";
import { notifyError } from "../platform/notify";
import { fetchPortalSeminars, registerInPortal } from "./registration-api";
import { kindColors, sessionWhen } from "./seminar-labels";

export function PortalSeminarsCard({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const text = useLocalizedText();
  const lang = i18n.resolvedLanguage ?? "ja";
  const queryClient = useQueryClient();
  const key = ["portal-seminars", token];
  const seminars = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchPortalSeminars(token, signal),
    retry: false,
    meta: { silent: true },
  });
  const register = useMutation({
    mutationFn: (sessionId: string) => registerInPortal(token, sessionId),
    meta: { silent: true },
    onSuccess: (next) => queryClient.setQueryData(key, next),
    onError: notifyError,
  });
  const data = seminars.data;
  if (!data || data.items.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="portal-seminars">
      <Stack gap="sm">
        <Title order={2} size="h4">
          <IconPresentation size={20} style={{ verticalAlign: "text-bottom", marginRight: 6 }} />
          {t("seminars.portal.title")}
        </Title>
        {!data.identified && (
          <Text size="sm" c="dimmed">
            {t("seminars.portal.identifyFirst")}
          </Text>
        )}
        {data.items.map((s) => (
          <Group key={s.sessionId} justify="space-between" wrap="wrap" gap="xs" data-testid="portal-seminar">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text fw={600} size="sm">
                  {text(s.seminar.title)}
                </Text>
                <Badge size="xs" variant="light" tt="none" color={kindColors[s.seminar.kind]}>
                  {t(`seminars.kinds.${s.seminar.kind}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {sessionWhen(s.startsAt, s.durationMinutes, lang, data.timeZone)}
              </Text>
            </Stack>
            {s.status === "registered" ? (
              <Group gap="xs">
                <Badge color="teal" variant="light" tt="none">
                  {t("seminars.portal.registered")}
                </Badge>
                {s.onlineUrl && (
                  <Anchor href={s.onlineUrl} target="_blank" rel="noreferrer" size="sm">
                    {t("seminars.portal.join")}
                  </Anchor>
                )}
              </Group>
            ) : data.identified ? (
              <Stack gap={2} align="flex-end">
                <Button
                  size="xs"
                  variant="light"
                  loading={register.isPending && register.variables === s.sessionId}
                  onClick={() => register.mutate(s.sessionId)}
                  data-testid="portal-seminar-register"
                >
                  {t("seminars.portal.register")}
                </Button>
                {s.registeredElsewhere && (
                  <Text size="xs" c="dimmed">
                    {t("seminars.portal.registeredElsewhere")}
                  </Text>
                )}
              </Stack>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
