import { expect, test } from 'vitest'
import {
	canEditEnterpriseProfile,
	canReadEnterprise,
	canReadRegion,
	canWriteEnterpriseRecords,
	homePath,
	isStaff,
	type Principal,
	safeRedirect,
} from './scope.ts'

const base = { userId: 1, displayName: 'x', personId: null }
const admin: Principal = { ...base, grants: [{ role: 'platform_admin' }] }
const countyA: Principal = {
	...base,
	grants: [{ role: 'regulator', regionId: 2, regionPath: '/1/2/', regionName: 'A县' }],
}
const entAdmin: Principal = {
	...base,
	grants: [{ role: 'enterprise_admin', enterpriseId: 7, enterpriseName: '甲公司' }],
}
const learner: Principal = { ...base, personId: 9, grants: [{ role: 'learner', personId: 9 }] }
const inA = { id: 7, regionPath: '/1/2/5/' }
const inB = { id: 8, regionPath: '/1/3/6/' }

test('a regulator reads enterprises under their region and nowhere else', () => {
	expect(canReadEnterprise(countyA, inA)).toBe(true)
	expect(canReadEnterprise(countyA, inB)).toBe(false)
})

test('a regulator reads but never writes an enterprise’s own records', () => {
	expect(canWriteEnterpriseRecords(countyA, inA)).toBe(false)
	expect(canEditEnterpriseProfile(countyA, inA)).toBe(true)
	expect(canEditEnterpriseProfile(countyA, inB)).toBe(false)
})

test('a region path prefix does not leak into a sibling with a longer id', () => {
	const r: Principal = {
		...base,
		grants: [{ role: 'regulator', regionId: 2, regionPath: '/1/2/', regionName: 'x' }],
	}
	expect(canReadRegion(r, '/1/22/')).toBe(false)
	expect(canReadRegion(r, '/1/2/')).toBe(true)
})

test('an enterprise admin reads and writes only their enterprise', () => {
	expect(canReadEnterprise(entAdmin, inA)).toBe(true)
	expect(canWriteEnterpriseRecords(entAdmin, inA)).toBe(true)
	expect(canReadEnterprise(entAdmin, inB)).toBe(false)
	expect(canReadRegion(entAdmin, '/1/')).toBe(false)
})

test('a learner reads no enterprise and no region', () => {
	expect(canReadEnterprise(learner, inA)).toBe(false)
	expect(canReadRegion(learner, '/1/')).toBe(false)
	expect(isStaff(learner)).toBe(false)
})

test('the platform admin reads and writes everything', () => {
	expect(canReadEnterprise(admin, inB)).toBe(true)
	expect(canWriteEnterpriseRecords(admin, inB)).toBe(true)
	expect(canReadRegion(admin, '/9/')).toBe(true)
})

test('each role lands on its own home', () => {
	expect(homePath(admin)).toBe('/admin')
	expect(homePath(countyA)).toBe('/regions/2')
	expect(homePath(entAdmin)).toBe('/enterprises/7')
	expect(homePath(learner)).toBe('/me')
})

test('redirect targets must be same-site paths', () => {
	expect(safeRedirect('/regions/2')).toBe('/regions/2')
	expect(safeRedirect('//evil.example')).toBe('/')
	expect(safeRedirect('https://evil.example')).toBe('/')
	expect(safeRedirect('/\\evil')).toBe('/')
	expect(safeRedirect(null, '/me')).toBe('/me')
})
