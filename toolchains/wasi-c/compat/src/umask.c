/*
 * File mode creation mask. WASI has no permission bits: files are created as the host decides, whatever mode a
 * program asks for. Programs still save and restore the mask around file creation (GNU sed's `-i` sets 0077 before
 * making its temporary file), so umask() behaves as on Linux for the caller: it keeps a process-wide mask (only the
 * permission bits, initially 022 as in a usual login shell) and returns the previous one. Nothing else reads it.
 */
#include <sys/stat.h>

static mode_t current_mask = 022;

mode_t umask(mode_t mask)
{
	mode_t old = current_mask;
	current_mask = mask & 0777;
	return old;
}
