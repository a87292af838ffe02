// 1:14: error: function definition declared 'register'
register int f(void) { return 0; }
