import { Button, Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconMapOff } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" data-testid="not-found">
      <Stack align="center" gap="sm" px="md">
        <ThemeIcon size={72} radius="xl" variant="light" color="gray">
          <IconMapOff size={40} stroke={1.5} />
        </ThemeIcon>
        <Title order={1} size="h2" ta="center">
          {t("notFound.title")}
        </Title>
        <Text c="dimmed" ta="center">
          {t("notFound.body")}
        </Text>
        <Button component={Link} to="/accounts" variant="light">
          {t("notFound.back")}
        </Button>
      </Stack>
    </Center>
  );
}
