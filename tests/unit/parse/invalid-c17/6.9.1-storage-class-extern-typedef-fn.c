// 1:13: error: function definition declared 'typedef'
typedef int f(void) { return 0; }
