// The 成绩作废 form: which result and why. One schema for the person page (enterprise admin) and
// the class page (the class's organiser), on the client and the server. Pure.
import { z } from 'zod'

export const ANNUL_INTENT = 'annul_attempt'

export const AnnulReason = z.string({ error: '请填写作废理由' }).trim().min(4, '请写明作废理由（至少 4 个字）').max(200, '作废理由不能超过200个字')

export const AnnulSchema = z.object({
	intent: z.literal(ANNUL_INTENT),
	attempt: z.number({ error: '请选择要作废的考试成绩' }).int().positive('请选择要作废的考试成绩'),
	reason: AnnulReason,
})
