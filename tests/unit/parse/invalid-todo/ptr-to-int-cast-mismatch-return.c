// 3:42: error: conversion to non-scalar type requested
struct S { int a; };
int f(void) { struct S s; return (struct S)s.a; }
