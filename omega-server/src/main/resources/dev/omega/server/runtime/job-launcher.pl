# The local runtime's job launcher (see JobLauncher.java): one resident process that starts the
# server's jobs and records how each one ended, so that starting a job costs one fork and one exec.
#
# Requests come on stdin, fields ending in NUL: the number of fields that follow, then the
# workspace, the command, the log file, the exit file and NAME=VALUE for each variable. Each gets one
# line on stdout: "started PID TICKS" once the job leads a session of its own (TICKS: its start time
# in /proc/PID/stat, clock ticks since boot), or "failed
# REASON". A job that cannot go on from there (its workspace or log gone) says why in its log, if it
# can, and ends with 127.
#
# When a job ends, its code ($? of a shell: the exit code, or 128 + the signal's number) is written
# in one write to the exit file when the server made it ready (empty), else to a temporary file
# renamed onto it. When the server closes stdin, the launcher waits for its
# jobs, records them, and leaves.
use strict;
use warnings;
use POSIX ();
use Fcntl qw(O_WRONLY O_TRUNC O_NOFOLLOW O_NONBLOCK);

$0 = 'omega-launcher';
POSIX::setsid();    # a session of its own: no terminal's signal reaches it, nor its jobs

# Every signal at its default (KILL and STOP cannot be changed), none blocked, as its jobs get
# them; then its own few, which each job puts back at the default.
POSIX::sigaction($_, POSIX::SigAction->new('DEFAULT')) for 1 .. 31;
POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new);
my @ignored = qw(HUP INT QUIT TERM PIPE);
$SIG{$_} = 'IGNORE' for @ignored;    # it outlives the server, as its jobs do
pipe(my $woken, my $wake) or die "pipe: $!";          # SIGCHLD wakes the loop through this pipe
$wake->blocking(0);
$SIG{CHLD} = sub { syswrite($wake, 'x') };
STDOUT->autoflush(1);

my %exit_files;    # job's PID => its exit file
my $input = '';
my $server = 1;
while ($server || %exit_files) {
  my $watched = '';
  vec($watched, fileno($woken), 1) = 1;
  vec($watched, fileno(STDIN), 1) = 1 if $server;
  if (select($watched, undef, undef, undef) > 0) {
    sysread($woken, my $ignored, 4096) if vec($watched, fileno($woken), 1);
    if ($server && vec($watched, fileno(STDIN), 1)) {
      my $read = sysread(STDIN, $input, 65536, length $input);
      $server = 0 if defined $read ? $read == 0 : !$!{EINTR};
      while (1) {    # up to 64 forked one after another, then answered in order
        my @starts;
        while (@starts < 64 and my @request = next_request()) {
          push @starts, start(@request);
        }
        last unless @starts;
        print answer($_), "\n" for @starts;
      }
    }
  }
  reap() unless $server && more_requests();    # starts first: they are what someone waits for
}

sub more_requests {
  my $watched = '';
  vec($watched, fileno(STDIN), 1) = 1;
  return select($watched, undef, undef, 0) > 0;
}

sub next_request {
  my $at = index($input, "\0");
  return () if $at < 0;
  my @fields;
  for (1 .. substr($input, 0, $at)) {
    my $end = index($input, "\0", $at + 1);
    return () if $end < 0;
    push @fields, substr($input, $at + 1, $end - $at - 1);
    $at = $end;
  }
  substr($input, 0, $at + 1) = '';
  return @fields;
}

# Forks the job; returns its answer when it already failed, else what answer() needs.
sub start {
  my ($workspace, $command, $log, $exit, @env) = @_;
  pipe(my $failed, my $fail) or return "failed pipe: $!";
  my $pid = fork;
  return "failed fork: $!" unless defined $pid;
  if ($pid == 0) {
    close $failed;
    if (!defined POSIX::setsid()) {
      print {$fail} "setsid: $!";
      POSIX::_exit(127);
    }
    close $fail;    # the launcher answers now; a later failure is the job's, exit code 127
    my $why = become_job($workspace, $command, $log, @env);
    print STDERR "omega: the job could not start: $why\n";
    POSIX::_exit(127);
  }
  close $fail;
  return [$pid, $failed, $exit];
}

# Once the forked job leads its session (its end of the pipe closed): "started PID TICKS".
sub answer {
  my ($start) = @_;
  return $start unless ref $start;
  my ($pid, $failed, $exit) = @$start;
  my $why = read_all($failed);
  close $failed;
  if ($why ne '') {
    waitpid($pid, 0);
    return "failed $why";
  }
  $exit_files{$pid} = $exit;
  return "started $pid " . start_ticks($pid);    # a zombie until reap(): its start time stays
}

# In the forked child, a session leader: returns only why it could not exec the command.
sub become_job {
  my ($workspace, $command, $log, @env) = @_;
  $SIG{$_} = 'DEFAULT' for @ignored, 'CHLD';    # the rest are at their default already
  POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new);
  open STDIN, '<', '/dev/null' or return "cannot open /dev/null: $!";
  open STDOUT, '>>', $log or return "cannot open $log: $!";
  open STDERR, '>&', \*STDOUT or return "cannot send stderr to $log: $!";
  chdir $workspace or return "cannot enter $workspace: $!";    # said in the log, opened first
  %ENV = map { split /=/, $_, 2 } @env;
  $ENV{OMEGA_JOB_GROUP} = $$;    # marks everything the job starts, even outside its group
  exec {'/bin/sh'} '/bin/sh', '-c', $command or return "cannot run /bin/sh: $!";
}

sub reap {
  while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
    my $exit = delete $exit_files{$pid} // next;
    my $code = POSIX::WIFEXITED($?) ? POSIX::WEXITSTATUS($?) : 128 + POSIX::WTERMSIG($?);
    record_code($exit, "$code\n");
  }
}

sub start_ticks {
  my ($pid) = @_;
  open(my $file, '<', "/proc/$pid/stat") or return 0;
  my $stat = <$file> // '';
  my @fields = split / /, substr($stat, rindex($stat, ')') + 2);
  return $fields[19] // 0;    # the 22nd field, counting pid and (comm)
}

sub read_all {
  my ($handle) = @_;
  my $text = '';
  while (1) {
    my $read = sysread($handle, $text, 4096, length $text);
    last if defined $read ? $read == 0 : !$!{EINTR};
  }
  return $text;
}

# An exit file that is there (made empty by the server) is written in place, one write: no new
# file, which costs more than the write on some file systems. Else aside, then renamed.
sub record_code {
  my ($exit, $line) = @_;
  # Never through a link, never blocked by a pipe a job put there: those take the other way.
  if (sysopen(my $file, $exit, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_NONBLOCK)) {
    my $written = -f $file ? syswrite($file, $line) : undef;
    return if close($file) && defined $written && $written == length $line;
  }
  write_file("$exit.tmp.$$", $line) && rename("$exit.tmp.$$", $exit);
}

sub write_file {
  my ($path, $text) = @_;
  open(my $file, '>', $path) or return 0;
  print {$file} $text;
  return close $file;
}
