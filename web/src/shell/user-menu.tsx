import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconCheck, IconChevronDown, IconLogout, IconSwitchHorizontal } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { signOut } from "../auth/auth-api";
import { useMe } from "../auth/me-query";
import { setChosenWorkspace } from "../platform/workspace-choice";

function initials(name: string): string {
  // Japanese, Chinese and Korean names: the first character of the family name reads naturally.
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(name.trim())) {
    return name.trim().slice(0, 1);
  }
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  if (parts.length === 1) return parts[0].slice(0, 2).toUpperCase();
  return (parts[0][0] + parts[1][0]).toUpperCase();
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const router = useRouter();
  const queryClient = useQueryClient();

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      queryClient.clear();
      await router.navigate({ to: "/sign-in" });
    },
  });

  const switchWorkspace = async (slug: string) => {
    if (slug === me.workspace.slug) return;
    setChosenWorkspace(slug);
    queryClient.removeQueries();
    await router.navigate({ to: "/accounts" });
    await router.invalidate();
  };

  const displayName = me.user.name || me.user.email;

  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t("shell.userMenu")}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="indigo">
              {initials(displayName)}
            </Avatar>
            <div style={{ lineHeight: 1.1 }}>
              <Text size="sm" fw={500} visibleFrom="sm" lineClamp={1} maw={160}>
                {displayName}
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t(`roles.${me.role}`)}
              </Text>
            </div>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" lineClamp={1}>
            {displayName}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {me.user.email}
          </Text>
          <Group gap={6} mt={6}>
            <Badge size="xs" variant="light">
              {t(`roles.${me.role}`)}
            </Badge>
            <Text size="xs" c="dimmed" lineClamp={1} data-testid="user-menu-workspace">
              {me.workspace.name}
            </Text>
          </Group>
        </Menu.Label>
        {me.workspaces.length > 1 && (
          <>
            <Menu.Divider />
            <Menu.Label>
              <Group gap={6}>
                <IconSwitchHorizontal size={14} />
                {t("shell.switchWorkspace")}
              </Group>
            </Menu.Label>
            {me.workspaces.map((w) => (
              <Menu.Item
                key={w.slug}
                data-testid="workspace-option"
                onClick={() => void switchWorkspace(w.slug)}
                rightSection={w.slug === me.workspace.slug ? <IconCheck size={14} /> : null}
              >
                <Text size="sm" lineClamp={1}>
                  {w.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${w.role}`)}
                </Text>
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Item
          data-testid="sign-out"
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => signOutMutation.mutate()}
          disabled={signOutMutation.isPending}
        >
          {t("shell.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
