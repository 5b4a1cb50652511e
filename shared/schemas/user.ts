import { z } from 'zod';
import { userRoles } from '../enums';

export const roleSchema = z.enum(userRoles);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

const email = z.email().max(320);

export const loginBodySchema = z.object({
  email,
  password: z.string().min(1).max(1024),
});

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });

export const createUserBodySchema = z.object({
  email,
  name: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'use at least 10 characters').max(1024),
  role: roleSchema,
});
