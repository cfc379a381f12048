public enum CrisisDomainModule {}
