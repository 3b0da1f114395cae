import { Button, Center, Code, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ErrorComponentProps } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" data-testid="route-error">
      <Stack align="center" gap="sm" px="md" maw={520}>
        <ThemeIcon size={72} radius="xl" variant="light" color="red">
          <IconAlertTriangle size={40} stroke={1.5} />
        </ThemeIcon>
        <Title order={1} size="h2" ta="center">
          {t("errors.pageTitle")}
        </Title>
        <Text c="dimmed" ta="center">
          {t("errors.pageBody")}
        </Text>
        {error instanceof Error && <Code block>{error.message}</Code>}
        <Button variant="light" onClick={() => (reset ? reset() : window.location.reload())}>
          {t("errors.retry")}
        </Button>
      </Stack>
    </Center>
  );
}
