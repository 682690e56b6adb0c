import { hash, verify } from '@node-rs/argon2'

// argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): @node-rs/argon2 defaults.
export function hashPassword(password: string) {
	return hash(password)
}

export async function verifyPassword(passwordHash: string, password: string) {
	try {
		return await verify(passwordHash, password)
	} catch {
		return false
	}
}

let dummyHash: Promise<string> | undefined

/** Spend the same time on an unknown account as on a wrong password. */
export async function verifyAgainstDummy(password: string) {
	dummyHash ??= hash('anxun-dummy-password')
	await verifyPassword(await dummyHash, password)
	return false
}

/** Chinese message for a new password that is too weak, or null when acceptable. */
export function passwordProblem(password: string): string | null {
	if (password.length < 8) return '密码至少8位'
	if (password.length > 128) return '密码不能超过128位'
	if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字'
	return null
}
