import { Badge, NavLink, Stack } from "@mantine/core";
import { Link, useRouterState } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { capabilities } from "./capabilities";

export function NavLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <Stack gap={2}>
      {capabilities.map((c) => {
        const Icon = c.icon;
        return (
          <NavLink
            key={c.key}
            component={Link}
            to={c.to}
            data-testid={c.testId}
            label={t(`nav.${c.key}`)}
            leftSection={<Icon size={18} stroke={1.6} />}
            rightSection={
              c.ready ? null : (
                <Badge size="xs" variant="light" color="gray">
                  {t("comingSoon.short")}
                </Badge>
              )
            }
            active={pathname === c.to || pathname.startsWith(`${c.to}/`)}
            onClick={onNavigate}
            styles={{ root: { borderRadius: "var(--mantine-radius-md)" }, label: { whiteSpace: "nowrap" } }}
          />
        );
      })}
    </Stack>
  );
}
