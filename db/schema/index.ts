export * from './orgs.ts'
export * from './auth.ts'
export * from './audit.ts'
export * from './rosters.ts'
