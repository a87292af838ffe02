// 1:7: error: "x" after #line is not a positive integer
#line x
