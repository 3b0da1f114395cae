import { Button, Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBuildingOff } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

export function AccountNotFound() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" data-testid="account-not-found">
      <Stack align="center" gap="sm" maw={440} px="md">
        <ThemeIcon size={72} radius="xl" variant="light" color="gray">
          <IconBuildingOff size={40} stroke={1.5} />
        </ThemeIcon>
        <Title order={1} size="h2" ta="center">
          {t("account.notFoundTitle")}
        </Title>
        <Text c="dimmed" ta="center">
          {t("account.notFoundBody")}
        </Text>
        <Button component={Link} to="/accounts" variant="light">
          {t("account.backToList")}
        </Button>
      </Stack>
    </Center>
  );
}
