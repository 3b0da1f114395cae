// What a visitor sees when the link does not work (unknown, revoked or expired), or is refused for a while.
import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconClockPause, IconLinkOff, IconRefresh } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export function PortalInvalid({
  reason,
  onRetry,
}: {
  reason: "invalid" | "rate_limited" | "error";
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const title =
    reason === "invalid"
      ? t("portal.invalid.title")
      : reason === "rate_limited"
        ? t("portal.invalid.rateLimitedTitle")
        : t("portal.invalid.errorTitle");
  const body = reason === "rate_limited" ? t("portal.invalid.rateLimitedBody") : t("portal.invalid.body");
  return (
    <Center py="xl">
      <Paper withBorder radius="md" p="xl" w="100%" data-testid={`portal-${reason}`}>
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon
            size={56}
            radius="xl"
            variant="light"
            color={reason === "rate_limited" ? "orange" : "gray"}
          >
            {reason === "rate_limited" ? <IconClockPause size={30} /> : <IconLinkOff size={30} />}
          </ThemeIcon>
          <Title order={1} size="h3">
            {title}
          </Title>
          {reason !== "error" && <Text c="dimmed">{body}</Text>}
          {reason === "error" && onRetry && (
            <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={onRetry}>
              {t("portal.invalid.retry")}
            </Button>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
