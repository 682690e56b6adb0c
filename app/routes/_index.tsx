import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { getPrincipal } from '#app/auth/guards.server.ts'
import { homePath } from '#app/auth/scope.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await getPrincipal(request)
	if (principal) throw redirect(homePath(principal))
	return null
}

export default function Landing() {
	return (
		<section className="card">
			<h1>安训 · 安全生产学习平台</h1>
			<p>
				面向领导干部、企业从业人员、企业培训管理员和应急管理部门：学法规、看案例、考试留痕，
				培训覆盖情况按区域、企业、个人逐级可查。
			</p>
			<p>
				<Link to="/login" className="button primary">
					登录
				</Link>
			</p>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '安训 · 安全生产学习平台' }]
