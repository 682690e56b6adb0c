import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { getAppSecret } from '#app/utils/secrets.server.ts'

/**
 * ID numbers (身份证号) are personal data: stored encrypted (AES-256-GCM), found by a keyed
 * hash, shown masked to staff and in full only to the person.
 */
let derived: { secret: string; enc: Buffer; mac: Buffer } | undefined

async function keys() {
	const secret = await getAppSecret()
	if (derived?.secret === secret) return derived
	const derive = (info: string) =>
		Buffer.from(hkdfSync('sha256', secret, 'anxun-id-number', info, 32))
	derived = { secret, enc: derive('encrypt'), mac: derive('lookup') }
	return derived
}

export async function hashIdNumber(idNumber: string) {
	const { mac } = await keys()
	return createHmac('sha256', mac).update(idNumber).digest('base64url')
}

export async function encryptIdNumber(idNumber: string) {
	const { enc } = await keys()
	const iv = randomBytes(12)
	const cipher = createCipheriv('aes-256-gcm', enc, iv)
	const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()])
	return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

export async function decryptIdNumber(stored: string) {
	const [version, iv, tag, body] = stored.split('.')
	if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown ID number format')
	const { enc } = await keys()
	const decipher = createDecipheriv('aes-256-gcm', enc, Buffer.from(iv, 'base64url'))
	decipher.setAuthTag(Buffer.from(tag, 'base64url'))
	return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

/** Everything the people table stores for one ID number. */
export async function protectIdNumber(idNumber: string, mask: (id: string) => string) {
	return {
		idNumberEnc: await encryptIdNumber(idNumber),
		idNumberHash: await hashIdNumber(idNumber),
		idNumberMasked: mask(idNumber),
	}
}
