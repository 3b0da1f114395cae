import { AppShell, Burger, Divider, Group, ScrollArea, Text, ThemeIcon } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconRocket } from "@tabler/icons-react";
import { Link, Outlet } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../auth/me-query";
import { LanguageSwitch } from "./language-switch";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

export function AppShellLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNavigation")}
              data-testid="nav-burger"
            />
            <Link to="/accounts" style={{ textDecoration: "none", color: "inherit" }} data-testid="home-link">
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size={28} radius="md">
                  <IconRocket size={18} />
                </ThemeIcon>
                <Text fw={700} size="lg">
                  Embark
                </Text>
              </Group>
            </Link>
            <Divider orientation="vertical" visibleFrom="sm" />
            <Text size="sm" c="dimmed" visibleFrom="sm" lineClamp={1} data-testid="workspace-name">
              {me.workspace.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("shell.navigation")}>
        <AppShell.Section grow component={ScrollArea}>
          <NavLinks onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="xs" pt="xs" hiddenFrom="sm" lineClamp={1}>
            {me.workspace.name}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
