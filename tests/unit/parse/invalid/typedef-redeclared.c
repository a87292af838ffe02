// 3:16: error: conflicting types for 'T'; have 'double'
typedef int T;
typedef double T;
