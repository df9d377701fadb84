/*
 * strftime() as jq's strftime/1 and strflocaltime/1 see it natively. jq fills a struct tm field by field (jv2tm), so
 * tm_zone is NULL. glibc then prints %Z as tzname[tm_isdst != 0], which is "UTC" under the contract's TZ=UTC; wasi-libc
 * has no time zones and prints nothing for %Z (a lone "%Z" even makes strftime return 0, which jq reports as "unknown
 * system failure"). Time on WASI is always UTC, so %Z is "UTC" here; everything else is wasi-libc's strftime (whose C
 * locale formats are glibc's). Compiled into the jq oracle only: builtin.c is built with
 * -Dstrftime=mirrorbox_jq_strftime (see build.sh).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

size_t mirrorbox_jq_strftime(char *restrict out, size_t max, const char *restrict fmt, const struct tm *restrict tm);

size_t mirrorbox_jq_strftime(char *restrict out, size_t max, const char *restrict fmt, const struct tm *restrict tm)
{
	size_t len = strlen(fmt);
	/* "%Z" (2 bytes) becomes "UTC" (3 bytes): at most len / 2 extra bytes. */
	char *copy = malloc(len + len / 2 + 1);
	if (copy == NULL)
		return strftime(out, max, fmt, tm);
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		if (fmt[i] == '%' && i + 1 < len) {
			if (fmt[i + 1] == 'Z') {
				memcpy(copy + j, "UTC", 3);
				j += 3;
				i++;
				continue;
			}
			/* Any other conversion (including "%%") is copied as a pair, so "%%Z" stays literal. */
			copy[j++] = fmt[i++];
		}
		copy[j++] = fmt[i];
	}
	copy[j] = '\0';
	size_t n = strftime(out, max, copy, tm);
	free(copy);
	return n;
}
