/*
 * GNU getopt: getopt(), getopt_long() and getopt_long_only() behaving as glibc's do, diagnostics included.
 *
 * wasi-libc's (musl's) getopt parses almost the same way but words its errors differently ("unrecognized option:
 * x" where glibc prints "invalid option -- 'x'"), and those messages are part of the byte-exact stderr an oracle
 * must reproduce. These definitions take the place of wasi-libc's (libwasicompat.a is linked before libc; the
 * variables are defined here too, so libc's getopt objects are never pulled in).
 *
 * Behaviour, as in glibc:
 *  - ordering: by default options and non-options may be mixed (the non-options are moved after the options, so
 *    when -1 is returned optind is the first non-option); a leading '+' in optstring, or POSIXLY_CORRECT in the
 *    environment, stops at the first non-option; a leading '-' returns each non-option as the argument of option 1.
 *    "--" ends the options. optind = 0 (or optreset = 1) restarts scanning.
 *  - a ':' after the ordering flag (or opterr = 0) silences diagnostics; then a missing argument returns ':'.
 *  - long options: "--name", "--name=value", "--name value" (required arguments), unique prefixes ("--out" for
 *    "--output"); prefixes matching several options that differ are ambiguous. getopt_long_only also accepts
 *    "-name", falling back to short options when no long option matches and the letter is a short option.
 *  - messages (stderr, argv[0] as given):
 *      "%s: invalid option -- '%c'"                  "%s: option requires an argument -- '%c'"
 *      "%s: unrecognized option '--%s'"              "%s: option '--%s' requires an argument"
 *      "%s: option '--%s' doesn't allow an argument" "%s: option '--%s' is ambiguous; possibilities: '--a' '--b'"
 *  - "W;" in optstring makes "-W foo" mean "--foo".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';
int optreset;

enum ordering { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static struct {
	int initialized;
	enum ordering ordering;
	char *nextchar;   /* rest of the short-option cluster being scanned, or NULL */
	int first_nonopt; /* non-options skipped so far: argv[first_nonopt .. last_nonopt) */
	int last_nonopt;
	int optopt;       /* glibc keeps optopt here (0 until the first error) and copies it out on every call */
} st;

static int is_nonoption(const char *arg)
{
	return arg[0] != '-' || arg[1] == '\0';
}

/* Start a new scan; returns optstring without its ordering flag. */
static const char *initialize(const char *optstring)
{
	if (optind == 0)
		optind = 1;
	st.first_nonopt = st.last_nonopt = optind;
	st.nextchar = NULL;
	if (optstring[0] == '-') {
		st.ordering = RETURN_IN_ORDER;
		optstring++;
	} else if (optstring[0] == '+') {
		st.ordering = REQUIRE_ORDER;
		optstring++;
	} else if (getenv("POSIXLY_CORRECT") != NULL) {
		st.ordering = REQUIRE_ORDER;
	} else {
		st.ordering = PERMUTE;
	}
	st.initialized = 1;
	return optstring;
}

static void reverse(char **argv, int from, int to)
{
	while (from < --to) {
		char *tmp = argv[from];

		argv[from++] = argv[to];
		argv[to] = tmp;
	}
}

/* Move the skipped non-options argv[first_nonopt .. last_nonopt) after the options argv[last_nonopt .. optind),
 * keeping the order within each group. */
static void exchange(char **argv)
{
	reverse(argv, st.first_nonopt, st.last_nonopt);
	reverse(argv, st.last_nonopt, optind);
	reverse(argv, st.first_nonopt, optind);
	st.first_nonopt += optind - st.last_nonopt;
	st.last_nonopt = optind;
}

/* Report a prefix matching several different long options: the first match and each later one that differs. */
static void report_ambiguous(char **argv, const char *prefix, const struct option *longopts,
			     const unsigned char *set, int count)
{
	int i;

	fprintf(stderr, "%s: option '%s%s' is ambiguous; possibilities:", argv[0], prefix, st.nextchar);
	for (i = 0; i < count; i++)
		if (set[i])
			fprintf(stderr, " '%s%s'", prefix, longopts[i].name);
	fputc('\n', stderr);
}

/* Parse the long option at st.nextchar (after PREFIX, "--" or "-"). Returns -1 when getopt_long_only should try
 * it as short options instead. */
static int long_option(int argc, char **argv, const char *optstring, const struct option *longopts, int *longind,
		       int long_only, int print_errors, const char *prefix)
{
	const struct option *p, *found = NULL;
	const char *nameend;
	size_t namelen;
	int n, index = -1, count = 0, ambiguous = 0;
	unsigned char *set = NULL;

	for (nameend = st.nextchar; *nameend != '\0' && *nameend != '='; nameend++)
		;
	namelen = (size_t)(nameend - st.nextchar);

	for (p = longopts, n = 0; p->name != NULL; p++, n++) {
		if (strncmp(p->name, st.nextchar, namelen) == 0 && strlen(p->name) == namelen) {
			found = p; /* exact match */
			index = n;
			break;
		}
	}
	for (count = 0; longopts[count].name != NULL; count++)
		;

	if (found == NULL) {
		for (p = longopts, n = 0; p->name != NULL; p++, n++) {
			if (strncmp(p->name, st.nextchar, namelen) != 0)
				continue;
			if (found == NULL) {
				found = p;
				index = n;
			} else if (long_only || found->has_arg != p->has_arg || found->flag != p->flag ||
				   found->val != p->val) {
				ambiguous = 1;
				if (print_errors && set == NULL && (set = calloc((size_t)count, 1)) != NULL)
					set[index] = 1;
				if (set != NULL)
					set[n] = 1;
			}
		}
		if (ambiguous) {
			if (print_errors) {
				if (set != NULL)
					report_ambiguous(argv, prefix, longopts, set, count);
				else
					fprintf(stderr, "%s: option '%s%s' is ambiguous\n", argv[0], prefix,
						st.nextchar);
			}
			free(set);
			st.nextchar += strlen(st.nextchar);
			optind++;
			st.optopt = 0;
			return '?';
		}
	}

	if (found == NULL) {
		if (!long_only || argv[optind][1] == '-' || strchr(optstring, *st.nextchar) == NULL) {
			if (print_errors)
				fprintf(stderr, "%s: unrecognized option '%s%s'\n", argv[0], prefix, st.nextchar);
			st.nextchar = NULL;
			optind++;
			st.optopt = 0;
			return '?';
		}
		return -1; /* getopt_long_only: try short options */
	}

	optind++;
	st.nextchar = NULL;
	if (*nameend == '=') {
		if (found->has_arg == no_argument) {
			if (print_errors)
				fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n", argv[0], prefix,
					found->name);
			st.optopt = found->val;
			return '?';
		}
		optarg = (char *)nameend + 1;
	} else if (found->has_arg == required_argument) {
		if (optind >= argc) {
			if (print_errors)
				fprintf(stderr, "%s: option '%s%s' requires an argument\n", argv[0], prefix,
					found->name);
			st.optopt = found->val;
			return optstring[0] == ':' ? ':' : '?';
		}
		optarg = argv[optind++];
	}

	if (longind != NULL)
		*longind = index;
	if (found->flag != NULL) {
		*found->flag = found->val;
		return 0;
	}
	return found->val;
}

static int short_option(int argc, char **argv, const char *optstring, const struct option *longopts, int *longind,
			int print_errors)
{
	char c = *st.nextchar++;
	const char *spec = strchr(optstring, c);

	if (*st.nextchar == '\0')
		optind++;

	if (spec == NULL || c == ':' || c == ';') {
		if (print_errors)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		st.optopt = c;
		return '?';
	}
	if (c == 'W' && spec[1] == ';' && longopts != NULL) {
		/* "-W foo" / "-Wfoo" means "--foo". */
		if (*st.nextchar == '\0' && optind >= argc) {
			if (print_errors)
				fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
			st.optopt = c;
			return optstring[0] == ':' ? ':' : '?';
		}
		if (*st.nextchar == '\0')
			st.nextchar = argv[optind];
		return long_option(argc, argv, optstring, longopts, longind, 0, print_errors, "-W ");
	}
	if (spec[1] != ':')
		return c;

	if (spec[2] == ':') { /* optional argument: only when attached */
		if (*st.nextchar != '\0') {
			optarg = st.nextchar;
			optind++;
		}
	} else if (*st.nextchar != '\0') {
		optarg = st.nextchar;
		optind++;
	} else if (optind >= argc) {
		if (print_errors)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
		st.optopt = c;
		c = optstring[0] == ':' ? ':' : '?';
	} else {
		optarg = argv[optind++];
	}
	st.nextchar = NULL;
	return c;
}

static int getopt_internal(int argc, char *const *argv_const, const char *optstring, const struct option *longopts,
			   int *longind, int long_only)
{
	/* GNU getopt permutes argv in place, whatever the prototype says. */
	char **argv = (char **)argv_const;
	int print_errors = opterr;

	if (argc < 1)
		return -1;
	optarg = NULL;

	if (optind == 0 || optreset || !st.initialized) {
		optreset = 0;
		optstring = initialize(optstring);
	} else if (optstring[0] == '-' || optstring[0] == '+') {
		optstring++;
	}
	if (optstring[0] == ':')
		print_errors = 0;

	if (st.nextchar == NULL || *st.nextchar == '\0') {
		/* Advance to the next argument. */
		if (st.last_nonopt > optind)
			st.last_nonopt = optind;
		if (st.first_nonopt > optind)
			st.first_nonopt = optind;

		if (st.ordering == PERMUTE) {
			if (st.first_nonopt != st.last_nonopt && st.last_nonopt != optind)
				exchange(argv);
			else if (st.last_nonopt != optind)
				st.first_nonopt = optind;
			while (optind < argc && is_nonoption(argv[optind]))
				optind++;
			st.last_nonopt = optind;
		}

		if (optind != argc && strcmp(argv[optind], "--") == 0) {
			optind++;
			if (st.first_nonopt != st.last_nonopt && st.last_nonopt != optind)
				exchange(argv);
			else if (st.first_nonopt == st.last_nonopt)
				st.first_nonopt = optind;
			st.last_nonopt = argc;
			optind = argc;
		}

		if (optind == argc) {
			/* Done: point at the first non-option, if any were skipped. */
			if (st.first_nonopt != st.last_nonopt)
				optind = st.first_nonopt;
			return -1;
		}

		if (is_nonoption(argv[optind])) {
			if (st.ordering == REQUIRE_ORDER)
				return -1;
			optarg = argv[optind++];
			return 1;
		}

		if (longopts != NULL) {
			if (argv[optind][1] == '-') {
				st.nextchar = argv[optind] + 2;
				return long_option(argc, argv, optstring, longopts, longind, long_only, print_errors,
						   "--");
			}
			if (long_only && (argv[optind][2] != '\0' || strchr(optstring, argv[optind][1]) == NULL)) {
				int code;

				st.nextchar = argv[optind] + 1;
				code = long_option(argc, argv, optstring, longopts, longind, long_only, print_errors,
						   "-");
				if (code != -1)
					return code;
			}
		}
		st.nextchar = argv[optind] + 1;
	}
	return short_option(argc, argv, optstring, longopts, longind, print_errors);
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	int c = getopt_internal(argc, argv, optstring, NULL, NULL, 0);

	optopt = st.optopt;
	return c;
}

int getopt_long(int argc, char *const *argv, const char *optstring, const struct option *longopts, int *longind)
{
	int c = getopt_internal(argc, argv, optstring, longopts, longind, 0);

	optopt = st.optopt;
	return c;
}

int getopt_long_only(int argc, char *const *argv, const char *optstring, const struct option *longopts,
		     int *longind)
{
	int c = getopt_internal(argc, argv, optstring, longopts, longind, 1);

	optopt = st.optopt;
	return c;
}
