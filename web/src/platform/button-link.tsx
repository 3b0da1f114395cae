// A Mantine Button that is a typed TanStack Router link (route params and search checked by TypeScript).
import { Button, type ButtonProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { type ComponentPropsWithoutRef, forwardRef } from "react";

const RouterButton = forwardRef<HTMLAnchorElement, ButtonProps & ComponentPropsWithoutRef<"a">>(
  (props, ref) => <Button ref={ref} component="a" {...props} />,
);

export const ButtonLink = createLink(RouterButton);
