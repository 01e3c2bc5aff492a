import { z } from 'zod';

export const regionSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export const departmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  regionId: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
});
export const positionSchema = z.object({ id: z.string(), name: z.string() });
export type Region = z.infer<typeof regionSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type Position = z.infer<typeof positionSchema>;

export const employeeStatusSchema = z.enum(['active', 'left']);

const ref = z.object({ id: z.string(), name: z.string() });

/**
 * Where a department sits, for telling apart two of the same name: its region's name, then the
 * names of the departments from the top down to it (上海制造基地 / 一车间 / 一车间甲班组 in 华东).
 */
export const departmentPathSchema = z.array(z.string());
export type DepartmentPath = z.infer<typeof departmentPathSchema>;

/** A department as shown next to a person: its name and its path. */
const departmentRef = ref.extend({ path: departmentPathSchema });

export const directoryQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  regionId: z.string().max(64).optional(),
  departmentId: z.string().max(64).optional(),
  positionId: z.string().max(64).optional(),
  status: z.enum(['active', 'left', 'all']).default('active'),
  /** only the reader's own team: its direct reports and the people of its department subtree */
  team: z.literal('mine').optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;
/** The directory's filters as a client sends them: all optional, the server applies the defaults. */
export type DirectoryFilters = Omit<z.input<typeof directoryQuerySchema>, 'cursor' | 'limit'>;
export type EmployeeStatus = z.infer<typeof employeeStatusSchema>;

export const directoryEntrySchema = z.object({
  id: z.string(),
  employeeNo: z.string(),
  name: z.string(),
  namePinyin: z.string(),
  department: departmentRef,
  region: ref,
  position: ref.nullable(),
  status: employeeStatusSchema,
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryPageSchema = z.object({
  items: z.array(directoryEntrySchema),
  nextCursor: z.string().nullable(),
});
export type DirectoryPage = z.infer<typeof directoryPageSchema>;

export const employeeProfileSchema = z.object({
  id: z.string(),
  employeeNo: z.string(),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  department: departmentRef,
  region: ref,
  position: ref.nullable(),
  /** `visible`: whether the viewer may open the manager's own profile */
  manager: z
    .object({ id: z.string(), name: z.string(), employeeNo: z.string(), visible: z.boolean() })
    .nullable(),
  hireDate: z.string().nullable(),
  status: employeeStatusSchema,
  directReports: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      employeeNo: z.string(),
      position: z.string().nullable(),
    }),
  ),
});
export type EmployeeProfile = z.infer<typeof employeeProfileSchema>;
