/*
 * strerror() with glibc's message texts. wasi-libc's strerror comes from musl, whose texts differ from glibc's for
 * several errors ("Result not representable" for ERANGE where glibc says "Numerical result out of range", "No error
 * information" for 0 and unknown numbers, ...), and those texts reach stderr through err(), perror(), strtol error
 * reports and the like. Oracles are compared byte for byte with native Debian programs, so every error number
 * wasi-libc defines maps to the text glibc 2.36 prints for the error of the same name; 0 is "Success", and an
 * unknown number is "Unknown error N", as in glibc. ENOTCAPABLE exists only in WASI and keeps wasi-libc's text.
 *
 * Replaces the whole of wasi-libc's strerror.o (strerror, strerror_l, __strerror_l), so that object is never linked;
 * strerror_r and perror call strerror and so get these texts too.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
	[0] = "Success",
	[E2BIG] = "Argument list too long",
	[EACCES] = "Permission denied",
	[EADDRINUSE] = "Address already in use",
	[EADDRNOTAVAIL] = "Cannot assign requested address",
	[EAFNOSUPPORT] = "Address family not supported by protocol",
	[EAGAIN] = "Resource temporarily unavailable",
	[EALREADY] = "Operation already in progress",
	[EBADF] = "Bad file descriptor",
	[EBADMSG] = "Bad message",
	[EBUSY] = "Device or resource busy",
	[ECANCELED] = "Operation canceled",
	[ECHILD] = "No child processes",
	[ECONNABORTED] = "Software caused connection abort",
	[ECONNREFUSED] = "Connection refused",
	[ECONNRESET] = "Connection reset by peer",
	[EDEADLK] = "Resource deadlock avoided",
	[EDESTADDRREQ] = "Destination address required",
	[EDOM] = "Numerical argument out of domain",
	[EDQUOT] = "Disk quota exceeded",
	[EEXIST] = "File exists",
	[EFAULT] = "Bad address",
	[EFBIG] = "File too large",
	[EHOSTUNREACH] = "No route to host",
	[EIDRM] = "Identifier removed",
	[EILSEQ] = "Invalid or incomplete multibyte or wide character",
	[EINPROGRESS] = "Operation now in progress",
	[EINTR] = "Interrupted system call",
	[EINVAL] = "Invalid argument",
	[EIO] = "Input/output error",
	[EISCONN] = "Transport endpoint is already connected",
	[EISDIR] = "Is a directory",
	[ELOOP] = "Too many levels of symbolic links",
	[EMFILE] = "Too many open files",
	[EMLINK] = "Too many links",
	[EMSGSIZE] = "Message too long",
	[EMULTIHOP] = "Multihop attempted",
	[ENAMETOOLONG] = "File name too long",
	[ENETDOWN] = "Network is down",
	[ENETRESET] = "Network dropped connection on reset",
	[ENETUNREACH] = "Network is unreachable",
	[ENFILE] = "Too many open files in system",
	[ENOBUFS] = "No buffer space available",
	[ENODEV] = "No such device",
	[ENOENT] = "No such file or directory",
	[ENOEXEC] = "Exec format error",
	[ENOLCK] = "No locks available",
	[ENOLINK] = "Link has been severed",
	[ENOMEM] = "Cannot allocate memory",
	[ENOMSG] = "No message of desired type",
	[ENOPROTOOPT] = "Protocol not available",
	[ENOSPC] = "No space left on device",
	[ENOSYS] = "Function not implemented",
	[ENOTCONN] = "Transport endpoint is not connected",
	[ENOTDIR] = "Not a directory",
	[ENOTEMPTY] = "Directory not empty",
	[ENOTRECOVERABLE] = "State not recoverable",
	[ENOTSOCK] = "Socket operation on non-socket",
	[ENOTSUP] = "Operation not supported",
	[ENOTTY] = "Inappropriate ioctl for device",
	[ENXIO] = "No such device or address",
	[EOVERFLOW] = "Value too large for defined data type",
	[EOWNERDEAD] = "Owner died",
	[EPERM] = "Operation not permitted",
	[EPIPE] = "Broken pipe",
	[EPROTO] = "Protocol error",
	[EPROTONOSUPPORT] = "Protocol not supported",
	[EPROTOTYPE] = "Protocol wrong type for socket",
	[ERANGE] = "Numerical result out of range",
	[EROFS] = "Read-only file system",
	[ESPIPE] = "Illegal seek",
	[ESRCH] = "No such process",
	[ESTALE] = "Stale file handle",
	[ETIMEDOUT] = "Connection timed out",
	[ETXTBSY] = "Text file busy",
	[EXDEV] = "Invalid cross-device link",
	[ENOTCAPABLE] = "Capabilities insufficient",
};

char *strerror(int errnum)
{
	static char unknown[32];

	if (errnum >= 0 && (size_t)errnum < sizeof(messages) / sizeof(messages[0]) && messages[errnum] != NULL)
		return (char *)messages[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

char *__strerror_l(int errnum, locale_t loc)
{
	(void)loc;
	return strerror(errnum);
}

char *strerror_l(int errnum, locale_t loc)
{
	return __strerror_l(errnum, loc);
}
