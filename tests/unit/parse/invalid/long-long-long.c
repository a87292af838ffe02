// 2:11: error: 'long long long' is too long for GCC
long long long x;
