/*
 * <termios.h>: WASI has no terminal control. The tc* calls fail as they would on a descriptor that is not a terminal
 * (ENOTTY; EBADF for a bad descriptor, as isatty() reports it). The cf* helpers only edit the structure.
 */
#include <errno.h>
#include <termios.h>
#include <unistd.h>

/* Always fails: errno is EBADF for a bad descriptor, ENOTTY otherwise. */
static int no_terminal(int fd)
{
	if (isatty(fd) || errno != EBADF)
		errno = ENOTTY;
	return -1;
}

int tcgetattr(int fd, struct termios *t)
{
	(void)t;
	return no_terminal(fd);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	(void)action;
	(void)t;
	return no_terminal(fd);
}

int tcflush(int fd, int queue)
{
	(void)queue;
	return no_terminal(fd);
}

int tcdrain(int fd)
{
	return no_terminal(fd);
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->__c_ispeed;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->__c_ospeed;
}

static int valid_speed(speed_t speed)
{
	return (speed & ~CBAUD) == 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	if (!valid_speed(speed)) {
		errno = EINVAL;
		return -1;
	}
	t->__c_ispeed = speed;
	return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (!valid_speed(speed)) {
		errno = EINVAL;
		return -1;
	}
	t->__c_ospeed = speed;
	t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
	return 0;
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}
