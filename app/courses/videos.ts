// Rules for the videos enterprises add to courses, shared by the form and the server.

export const VIDEO_TITLE_MAX = 60
