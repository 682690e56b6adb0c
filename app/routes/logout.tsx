import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { getSession } from '#app/auth/guards.server.ts'
import { blankSessionCookie, invalidateSession } from '#app/auth/session.server.ts'

export async function loader() {
	// Nothing changes on GET: logging out is a POST from the menu.
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const session = await getSession(request)
	if (session) await invalidateSession(session.validated.session.id)
	return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie() } })
}
