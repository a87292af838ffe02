/* libtscc_eh.a, linked into static programs only, in place of gcc's
 * libgcc_eh.a. glibc's libc.a refers to the unwinder for pthread
 * cancellation and pthread_exit (a forced unwind running cleanup handlers)
 * and for backtrace(). tscc's runtime has no unwinder yet (dynamic programs
 * use the system's libgcc_s.so.1), so in a static program:
 *   - backtrace() finds no frames;
 *   - pthread_exit() and acting on pthread_cancel() abort, as glibc does
 *     when the unwinder reports it cannot unwind;
 *   - _Unwind_Resume and the personality routine are unreachable (they run
 *     only inside an unwind), and stop the program if reached anyway. */

enum { END_OF_STACK = 5, CONTINUE_UNWIND = 8 }; /* _Unwind_Reason_Code values */

int _Unwind_ForcedUnwind(void *exception, void *stop, void *stop_argument) {
  (void)exception; (void)stop; (void)stop_argument;
  return END_OF_STACK;
}

int _Unwind_Backtrace(void *trace, void *argument) {
  (void)trace; (void)argument;
  return END_OF_STACK;
}

unsigned long _Unwind_GetCFA(void *context) { (void)context; return 0; }
unsigned long _Unwind_GetIP(void *context) { (void)context; return 0; }

void _Unwind_Resume(void *exception) {
  (void)exception;
  __builtin_trap();
}

int __gcc_personality_v0(int version, int actions, unsigned long long exception_class, void *exception, void *context) {
  (void)version; (void)actions; (void)exception_class; (void)exception; (void)context;
  return CONTINUE_UNWIND;
}
