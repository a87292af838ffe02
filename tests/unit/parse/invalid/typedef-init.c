// 2:1: error: typedef 'T' is initialized (use '__typeof__' instead)
typedef int T = 1;
