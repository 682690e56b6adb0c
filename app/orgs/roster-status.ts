export const ROSTER_STATUS_LABELS: Record<string, string> = {
	uploaded: '已上传，等待检查',
	checking: '正在检查',
	checked: '检查完成',
	applying: '正在导入',
	applied: '已导入',
	failed: '失败',
}

/** Statuses during which the page keeps refreshing to show progress. */
export function rosterImportBusy(status: string) {
	return status === 'uploaded' || status === 'checking' || status === 'applying'
}
