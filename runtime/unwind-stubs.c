/* libtscc_eh.a, linked into static programs only, in place of gcc's
 * libgcc_eh.a: glibc's libc.a refers to these two from the cleanup code of
 * functions that pthread cancellation may unwind through. tscc's runtime has
 * no unwinder (dynamic programs get the system's libgcc_s.so.1 instead), so a
 * static program never unwinds and never reaches them. If something did, the
 * only safe thing to do is stop. */

#define UNWIND_CONTINUE 8 /* _URC_CONTINUE_UNWIND: no handler in this frame */

void _Unwind_Resume(void *exception) {
  (void)exception;
  __builtin_trap();
}

int __gcc_personality_v0(int version, int actions, unsigned long long exception_class, void *exception, void *context) {
  (void)version; (void)actions; (void)exception_class; (void)exception; (void)context;
  return UNWIND_CONTINUE;
}
