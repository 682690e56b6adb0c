/** The database's reason for refusing a statement (drizzle wraps it as the error's cause), or 'accepted'. */
export async function refusal(statement: PromiseLike<unknown>) {
	try {
		await statement
	} catch (error) {
		return String((error as { cause?: { message?: string } }).cause?.message ?? error)
	}
	return 'accepted'
}
